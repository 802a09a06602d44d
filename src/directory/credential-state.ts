/** How close a credential is to its end, as the portal, Graph's state annotation and the CLI report show it. */
export type CredentialState = 'active' | 'expiringSoon' | 'expired';

/** Within this many days of its end a credential counts as expiring: the window people need to rotate in. */
export const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

export function credentialState(endDateTime: string, now: Date): CredentialState {
  const end = Date.parse(endDateTime);
  const left = end - now.getTime();
  if (Number.isNaN(end) || left <= 0) return 'expired';
  return left <= EXPIRING_SOON_DAYS * DAY_MS ? 'expiringSoon' : 'active';
}
