/**
 * How Entra compares a redirect_uri from an authorization/token request with the registered ones.
 * Deliberately string-based: the WHATWG URL parser would lowercase hosts, resolve dot segments and
 * re-encode characters, which would make two URIs "match" that Entra treats as different.
 */

// Scheme and host are case-insensitive by RFC 3986; the port is optional and the host must end
// at a delimiter so that `http://localhost.evil.com` and `http://localhost@evil.com` stay foreign.
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(?::(\d*))?(?=[/?#]|$)/i;

/** True for `http://localhost[:port]…` and `http://127.0.0.1[:port]…` (the only plain-http URIs Entra accepts). */
export function isLoopback(uri: string): boolean {
  return typeof uri === 'string' && LOOPBACK.test(uri);
}

/** Entra ignores the port of a loopback redirect URI, because native apps bind whatever port is free. */
function withoutLoopbackPort(uri: string): string {
  const m = LOOPBACK.exec(uri);
  if (!m) return uri;
  return `http://${m[1]!.toLowerCase()}${uri.slice(m[0].length)}`;
}

/** `https://contoso.com` and `https://contoso.com/` are the same resource (RFC 3986 §6.2.3). */
function withRootPath(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([?#].*)?$/i.exec(uri);
  return m ? `${m[1]}/${m[2] ?? ''}` : uri;
}

function normalize(uri: string): string {
  return withRootPath(withoutLoopbackPort(uri));
}

/**
 * Exact, case-sensitive comparison, except that a loopback URI's port is ignored and a URI
 * without a path matches with or without its trailing slash.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (typeof registered !== 'string' || typeof requested !== 'string') return false;
  if (registered === '' || requested === '') return false;
  if (registered === requested) return true;
  return normalize(registered) === normalize(requested);
}
