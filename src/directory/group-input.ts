/**
 * Graph `group` bodies checked and turned into typed changes. Entrada keeps security groups only (Entra's
 * `securityEnabled` groups with `mailEnabled: false` and no groupTypes): Microsoft 365 and mail-enabled groups
 * need Exchange, which a directory alone cannot stand in for, so they are refused rather than half made.
 */
import { DirectoryError } from './errors.js';

export interface GroupChanges {
  displayName?: string;
  mailNickname?: string;
  description?: string | null;
  securityEnabled?: boolean;
}

const REQUIRED_ON_CREATE = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'] as const;
const READ_ONLY = new Set(['id', 'createdDateTime', 'deletedDateTime', 'mail', 'renewedDateTime', 'securityIdentifier']);
const MAIL_NICKNAME = /^[!#$%&'*+\-/=?^_`{|}~A-Za-z0-9.]{1,64}$/;

export function invalidGroupProperty(name: string): DirectoryError {
  return new DirectoryError('invalid', `Invalid value specified for property '${name}' of resource 'Group'.`, name);
}

export function groupChanges(body: Record<string, unknown>, mode: 'create' | 'update'): GroupChanges {
  const changes: GroupChanges = {};
  if (mode === 'create') {
    for (const name of REQUIRED_ON_CREATE) if (body[name] === undefined || body[name] === null) throw invalidGroupProperty(name);
  }
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@')) continue; // annotations; members@odata.bind is read by the caller
    if (READ_ONLY.has(name)) throw new DirectoryError('invalid', `Property '${name}' is read-only and cannot be set.`, name);
    switch (name) {
      case 'displayName':
        if (typeof value !== 'string' || value.trim() === '' || value.length > 256) throw invalidGroupProperty(name);
        changes.displayName = value;
        break;
      case 'mailNickname':
        if (typeof value !== 'string' || !MAIL_NICKNAME.test(value)) throw invalidGroupProperty(name);
        changes.mailNickname = value;
        break;
      case 'description':
        if (value !== null && (typeof value !== 'string' || value.length > 1024)) throw invalidGroupProperty(name);
        changes.description = value === '' ? null : value as string | null;
        break;
      case 'securityEnabled':
        if (typeof value !== 'boolean') throw invalidGroupProperty(name);
        changes.securityEnabled = value;
        break;
      case 'mailEnabled':
        if (typeof value !== 'boolean') throw invalidGroupProperty(name);
        if (value) throw new DirectoryError('invalid', 'Cannot create a mail-enabled security groups and or distribution list.', name);
        break;
      case 'groupTypes':
        if (!Array.isArray(value)) throw invalidGroupProperty(name);
        if (value.length > 0) {
          throw new DirectoryError('invalid', 'Entrada keeps security groups only: groupTypes must be empty (no Microsoft 365 or dynamic groups).', name);
        }
        break;
      default:
        throw new DirectoryError('invalid', `Property '${name}' does not exist on type 'microsoft.graph.group' or cannot be set.`, name);
    }
  }
  return changes;
}
