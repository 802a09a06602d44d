export type DirectoryErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';
/**
 * A domain rule was broken; each surface maps the kind to its own error family. `code` names the rule where
 * Entra has a specific code for it (e.g. CredentialInvalidLifetimeAsPerAppPolicy), for surfaces that show one.
 */
export class DirectoryError extends Error {
  constructor(readonly kind: DirectoryErrorKind, message: string, readonly target?: string, readonly code?: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}
