/**
 * `addKey` and `removeKey` (spec §2): rolling an application's certificates with a proof of possession of one
 * it already has, so an application can rotate its own keys with nothing but a token of its own. An
 * application without a valid certificate starts with PATCH keyCredentials instead.
 */
import { isGuid } from '../lib/ids.js';
import { loadApplication } from './applications.js';
import { authorizeKeyRoll } from './authorize.js';
import type { GraphCall } from './context.js';
import { withCredentialState } from './credential-annotations.js';
import { graphErrors } from './errors.js';
import { verifyKeyProof } from './key-proof.js';
import { contextUrl, noContent, objectBody } from './odata.js';
import type { GraphRouter } from './router.js';

async function prove(call: GraphCall, applicationId: string, proof: unknown): Promise<void> {
  const { directory } = call.deps;
  await verifyKeyProof(proof, applicationId, await directory.keyCredentials.certificates(call.tenantId, applicationId), directory.clock.now());
}

async function addKey(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeKeyRoll(call, app);
  const { keyCredential, passwordCredential, proof } = objectBody(call.body);
  if (passwordCredential !== undefined && passwordCredential !== null) {
    // Graph takes a password here only for X509CertAndPassword (SAML signing) keys, which Entrada does not have.
    throw graphErrors.badRequest("passwordCredential must be null: it goes with X509CertAndPassword (SAML signing) keys only. Use addPassword for client secrets.");
  }
  if (typeof keyCredential !== 'object' || keyCredential === null || Array.isArray(keyCredential)) {
    throw graphErrors.badRequest("Invalid value specified for property 'keyCredential' of resource 'Application'. It must be an object with type, usage and key.");
  }
  await prove(call, app.id, proof);
  const credential = await call.deps.directory.keyCredentials.add(call.tenantId, app.id, keyCredential as { key: unknown });
  const body = { '@odata.context': contextUrl(call, 'microsoft.graph.keyCredential'), ...withCredentialState(credential, call.deps.directory.clock.now()) };
  return { status: 200, body };
}

async function removeKey(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeKeyRoll(call, app);
  const { keyId, proof } = objectBody(call.body);
  if (!isGuid(keyId)) throw graphErrors.badRequest("Invalid value specified for property 'keyId' of resource 'Application'.");
  await prove(call, app.id, proof);
  await call.deps.directory.keyCredentials.remove(call.tenantId, app.id, keyId);
  return noContent;
}

export function applicationKeyRoutes(router: GraphRouter): void {
  router.entity('applications', '/addKey', { POST: addKey }, { alternateKey: true });
  router.entity('applications', '/removeKey', { POST: removeKey }, { alternateKey: true });
}
