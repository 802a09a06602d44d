/** The token from an `Authorization: Bearer …` header value; anything else (another scheme, junk) counts as no token. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer +(\S+) *$/i.exec(value ?? '')?.[1];
}
