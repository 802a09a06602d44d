/** Catching the FhirError a FHIR parser throws, to assert on its status and issues. */
import { FhirError } from '../../src/healthcare/fhir/outcome.js';

/** The FhirError `fn` throws; any other error is rethrown, and no error at all fails. */
export function refusal(fn: () => unknown): FhirError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FhirError) return err;
    throw err;
  }
  throw new Error('expected a FhirError');
}
