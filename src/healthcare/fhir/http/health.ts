/** `GET [base]/health/check`: Azure's health probe answer, served without a token. */
import type { FhirRepository } from '../repository.js';
import type { FhirResponse } from './types.js';

/** Healthy when the service's data store answers a primary-key lookup; 503 otherwise. */
export async function healthCheck(repo: FhirRepository): Promise<FhirResponse> {
  let store = true;
  try {
    await repo.read('Patient', 'health-check');
  } catch {
    store = false;
  }
  const status = store ? 'Healthy' : 'Unhealthy';
  return {
    status: store ? 200 : 503,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      overallStatus: status,
      details: [{ name: 'DataStoreHealthCheck', status, description: store ? 'Successfully connected.' : 'The data store did not answer.' }],
    }),
  };
}
