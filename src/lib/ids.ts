import { randomUUID } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new lowercase GUID, the form Entra uses for every object id. */
export function newGuid(): string {
  return randomUUID();
}

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
