/**
 * Each credential's state in Graph answers, as an OData instance annotation: `"@entrada.credentialState":
 * "active" | "expiringSoon" | "expired"`. OData clients (the Graph SDKs, az) ignore annotations they do not
 * know, and applyApplicationInput skips them when a client sends back what it read.
 */
import type { Application } from '../directory/applications.js';
import { credentialState, type CredentialState } from '../directory/credential-state.js';

export const CREDENTIAL_STATE_ANNOTATION = '@entrada.credentialState';

export type Annotated<T> = T & { [CREDENTIAL_STATE_ANNOTATION]: CredentialState };

export function withCredentialState<T extends { endDateTime: string }>(credential: T, now: Date): Annotated<T> {
  return { ...credential, [CREDENTIAL_STATE_ANNOTATION]: credentialState(credential.endDateTime, now) };
}

/** The application with its password and key credentials annotated. */
export function withCredentialStates(app: Application, now: Date): Application {
  return {
    ...app,
    passwordCredentials: app.passwordCredentials.map((c) => withCredentialState(c, now)),
    keyCredentials: app.keyCredentials.map((c) => withCredentialState(c, now)),
  };
}
