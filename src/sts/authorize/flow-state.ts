/**
 * What a sign-in page's form carries back (the hidden `ctx` field): the request being served. It is not signed
 * and need not be: every step parses and checks it again exactly as the original request (client, redirect URI,
 * scopes), and who the user is comes from the session cookie, never from the form.
 */

export type FlowState =
  /** An authorization request, v1 or v2, with its parameters as received. */
  | { kind: 'authorize'; version: 1 | 2; params: Record<string, string> }
  /** A device-code sign-in, by its user code. */
  | { kind: 'device'; userCode: string }
  /** A tenant-wide admin consent request (/adminconsent). */
  | { kind: 'adminconsent'; params: Record<string, string> };

export function encodeFlow(state: FlowState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === 'string');
}

/** The flow a form belongs to, or undefined when the field is missing or malformed. */
export function decodeFlow(value: string | undefined): FlowState | undefined {
  if (!value || value.length > 32_768) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const s = parsed as Record<string, unknown>;
  if (s.kind === 'authorize' && (s.version === 1 || s.version === 2) && isStringRecord(s.params)) {
    return { kind: 'authorize', version: s.version, params: { ...s.params } };
  }
  if (s.kind === 'device' && typeof s.userCode === 'string') return { kind: 'device', userCode: s.userCode };
  if (s.kind === 'adminconsent' && isStringRecord(s.params)) return { kind: 'adminconsent', params: { ...s.params } };
  return undefined;
}
