/**
 * The one place a deleted FHIR service's data goes: the FHIR store removes its resources, history and index rows,
 * and its bulk export/import jobs and their output go with them.
 */
import type { Directory } from '../../directory/directory.js';
import { BulkJobs } from '../fhir/bulk/jobs.js';
import { FhirStore } from '../fhir/storage/fhir-store.js';

export async function removeFhirServiceData(directory: Directory, serviceId: string): Promise<void> {
  await new FhirStore(directory.ctx.store, directory.clock).deleteServiceData(serviceId);
  await new BulkJobs(directory.ctx.store.db, directory.clock).deleteService(serviceId);
}
