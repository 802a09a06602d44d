/**
 * What a Manifest edit changes: the writable top-level properties whose JSON differs from what Graph returned,
 * ready for one PATCH. Read-only properties that were changed are reported, not sent; `origin` inside scopes and
 * app roles is read-only in Graph and is left out of what is sent.
 */
export const READ_ONLY_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'appId', 'createdDateTime', 'deletedDateTime', 'createdByAppId', 'publisherDomain', 'verifiedPublisher',
  'disabledByMicrosoftStatus', 'applicationTemplateId', 'certification', 'logo', 'passwordCredentials',
]);

export type ManifestEdit =
  | { ok: true; patch: Record<string, unknown>; readOnlyChanged: string[] }
  | { ok: false; message: string };

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** JSON with object keys sorted, so a reordered object is not a change. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function withoutOrigins(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
    const { origin: _origin, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

function sendable(name: string, value: unknown): unknown {
  if (name === 'appRoles') return withoutOrigins(value);
  if (name === 'api' && value && typeof value === 'object' && !Array.isArray(value)) {
    const api = value as Record<string, unknown>;
    return 'oauth2PermissionScopes' in api ? { ...api, oauth2PermissionScopes: withoutOrigins(api.oauth2PermissionScopes) } : api;
  }
  return value;
}

export function manifestEdit(original: Record<string, unknown>, text: string): ManifestEdit {
  let edited: unknown;
  try {
    edited = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The manifest is not valid JSON: ${(err as Error).message}` };
  }
  if (!edited || typeof edited !== 'object' || Array.isArray(edited)) return { ok: false, message: 'The manifest must be a JSON object.' };
  const patch: Record<string, unknown> = {};
  const readOnlyChanged: string[] = [];
  for (const [name, value] of Object.entries(edited)) {
    if (name.includes('@')) continue;
    if (Object.hasOwn(original, name) && equal(original[name], value)) continue;
    if (READ_ONLY_PROPERTIES.has(name)) readOnlyChanged.push(name);
    else patch[name] = sendable(name, value);
  }
  return { ok: true, patch, readOnlyChanged };
}
