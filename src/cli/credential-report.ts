/**
 * Credential states and the expiring-credentials report (`ad app credential list --expiring-within`).
 * The state is Graph's `@entrada.credentialState` annotation; when a server does not send it, the same rule
 * is applied here: expired once endDateTime has passed, expiringSoon within 30 days of it, else active.
 */
import type { GraphObject } from './graph.js';

export const STATE_ANNOTATION = '@entrada.credentialState';
export type CredentialState = 'active' | 'expiringSoon' | 'expired';
export type CredentialType = 'password' | 'certificate';

const EXPIRING_SOON_MS = 30 * 24 * 60 * 60 * 1000;
const STATES: readonly string[] = ['active', 'expiringSoon', 'expired'];

export interface ExpiringCredential {
  appId: string;
  displayName: string;
  type: CredentialType;
  keyId: string;
  credentialDisplayName: string | null;
  endDateTime: string | null;
  state: CredentialState;
}

export function credentialState(credential: GraphObject, now = Date.now()): CredentialState {
  const given = credential[STATE_ANNOTATION];
  if (typeof given === 'string' && STATES.includes(given)) return given as CredentialState;
  const end = endTime(credential);
  if (end === undefined) return 'active';
  if (end <= now) return 'expired';
  return end - now <= EXPIRING_SOON_MS ? 'expiringSoon' : 'active';
}

/** The credentials as Graph lists them, each with its state annotation (added when the server left it out). */
export function withStates(credentials: unknown, now = Date.now()): GraphObject[] {
  const list = Array.isArray(credentials) ? (credentials as GraphObject[]) : [];
  return list.map((c) => (c[STATE_ANNOTATION] === undefined ? { ...c, [STATE_ANNOTATION]: credentialState(c, now) } : c));
}

/**
 * Every credential of `applications` that has expired or expires within `withinMs` of `now`, soonest first.
 * `types` limits the kinds reported.
 */
export function expiringCredentials(
  applications: GraphObject[], withinMs: number, now = Date.now(), types: CredentialType[] = ['password', 'certificate'],
): ExpiringCredential[] {
  const rows: ExpiringCredential[] = [];
  for (const app of applications) {
    const kinds: [CredentialType, unknown][] = [['password', app.passwordCredentials], ['certificate', app.keyCredentials]];
    for (const [type, credentials] of kinds) {
      if (!types.includes(type) || !Array.isArray(credentials)) continue;
      for (const credential of credentials as GraphObject[]) {
        const end = endTime(credential);
        if (end === undefined || end - now > withinMs) continue;
        rows.push({
          appId: String(app.appId), displayName: String(app.displayName ?? ''), type, keyId: String(credential.keyId),
          credentialDisplayName: typeof credential.displayName === 'string' ? credential.displayName : null,
          endDateTime: typeof credential.endDateTime === 'string' ? credential.endDateTime : null,
          state: credentialState(credential, now),
        });
      }
    }
  }
  return rows.sort((a, b) => (endTime(a) ?? 0) - (endTime(b) ?? 0) || a.appId.localeCompare(b.appId));
}

function endTime(credential: { endDateTime?: unknown }): number | undefined {
  if (typeof credential.endDateTime !== 'string') return undefined;
  const t = Date.parse(credential.endDateTime);
  return Number.isNaN(t) ? undefined : t;
}

/** The table row of a credential for `-o table`. */
export function credentialRow(item: Record<string, unknown>): Record<string, unknown> {
  if ('state' in item && 'type' in item) {
    return { AppId: item.appId, DisplayName: item.displayName, Type: item.type, KeyId: item.keyId,
      CredentialDisplayName: item.credentialDisplayName, EndDateTime: item.endDateTime, State: item.state };
  }
  return { KeyId: item.keyId, DisplayName: item.displayName, StartDateTime: item.startDateTime,
    EndDateTime: item.endDateTime, State: item[STATE_ANNOTATION] };
}
