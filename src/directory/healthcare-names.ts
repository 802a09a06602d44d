import { DirectoryError } from './errors.js';

/**
 * Azure's rule for Healthcare APIs workspace and FHIR service names: 3–24 characters (the ARM API's
 * minLength/maxLength), lowercase letters and digits. Hyphens inside a name are allowed here as the
 * ENTRADA_FHIR_SERVICE setting has always allowed them; the URL segment `{workspace}-{service}` is kept
 * unique across tenants, so the ambiguity they bring (`a-b` + `c` against `a` + `b-c`) is refused on create.
 */
export const HEALTHCARE_NAME = /^[a-z0-9][a-z0-9-]{1,22}[a-z0-9]$/;

export function checkHealthcareName(name: unknown, what: 'workspace' | 'FHIR service'): asserts name is string {
  if (typeof name !== 'string' || !HEALTHCARE_NAME.test(name)) {
    throw new DirectoryError('invalid', `The ${what} name '${String(name)}' is invalid: use 3–24 lowercase letters, digits and`
      + ' hyphens, starting and ending with a letter or digit.', 'name', 'InvalidResourceName');
  }
}

/** The URL path segment of a FHIR service, as in `/fhir/{workspace}-{service}`. */
export function fhirPathSegment(workspace: string, service: string): string {
  return `${workspace}-${service}`;
}
