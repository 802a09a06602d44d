export type DirectoryErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';
/** A domain rule was broken; each surface maps the kind to its own error family. */
export class DirectoryError extends Error {
  constructor(readonly kind: DirectoryErrorKind, message: string, readonly target?: string) { super(message); this.name = 'DirectoryError'; }
}
