/** Microsoft.HealthcareApis/workspaces/fhirservices: list, show, create (idempotent PUT) and delete with its data. */
import { DirectoryError } from '../../directory/errors.js';
import { armErrors } from './arm-errors.js';
import { fhirServiceResource, FHIR_SERVICE_TYPE, WORKSPACE_TYPE } from './arm-resources.js';
import { bodyObject, type ManagementHandler, type ManagementRequest } from './context.js';

async function requireWorkspace({ deps, tenantId, params }: ManagementRequest): Promise<string> {
  const ws = await deps.directory.healthcare.workspace(tenantId, params.workspaceName!);
  if (!ws) throw armErrors.resourceNotFound(WORKSPACE_TYPE, params.workspaceName!);
  return ws.name;
}

export const listFhirServices: ManagementHandler = async (request) => {
  const workspace = await requireWorkspace(request);
  const { deps, tenantId } = request;
  const services = (await deps.directory.healthcare.fhirServices(tenantId)).filter((s) => s.workspace === workspace);
  return { status: 200, body: { value: services.map((s) => fhirServiceResource(tenantId, deps.publicUrl(), s)) } };
};

export const getFhirService: ManagementHandler = async (request) => {
  const workspace = await requireWorkspace(request);
  const { deps, tenantId, params } = request;
  const service = await deps.directory.healthcare.fhirService(tenantId, workspace, params.fhirServiceName!);
  if (!service) throw armErrors.resourceNotFound(FHIR_SERVICE_TYPE, `${workspace}/${params.fhirServiceName}`);
  return { status: 200, body: fhirServiceResource(tenantId, deps.publicUrl(), service) };
};

/** PUT deploys the service (201) or answers the existing one (200). Only `kind: fhir-R4` exists here. */
export const putFhirService: ManagementHandler = async (request) => {
  const body = bodyObject(request.body);
  if (body.kind !== undefined && body.kind !== 'fhir-R4') {
    throw armErrors.badRequest(`The kind '${String(body.kind)}' is not supported: only 'fhir-R4' is.`, 'InvalidKind');
  }
  const workspace = await requireWorkspace(request);
  const { deps, tenantId, params } = request;
  const existing = await deps.directory.healthcare.fhirService(tenantId, workspace, params.fhirServiceName!);
  if (existing) return { status: 200, body: fhirServiceResource(tenantId, deps.publicUrl(), existing) };
  try {
    const service = await deps.directory.healthcare.createFhirService(tenantId, workspace, params.fhirServiceName!);
    return { status: 201, body: fhirServiceResource(tenantId, deps.publicUrl(), service) };
  } catch (err) {
    // Two PUTs of the same service at once: the one that lost the race answers what the other created.
    const raced = err instanceof DirectoryError && err.kind === 'conflict'
      ? await deps.directory.healthcare.fhirService(tenantId, workspace, params.fhirServiceName!) : undefined;
    if (raced) return { status: 200, body: fhirServiceResource(tenantId, deps.publicUrl(), raced) };
    throw err;
  }
};

/** DELETE removes the service, its role assignments and all of its FHIR data; 204 when it did not exist. */
export const deleteFhirService: ManagementHandler = async (request) => {
  const workspace = await requireWorkspace(request);
  const { deps, tenantId, params } = request;
  const service = await deps.directory.healthcare.fhirService(tenantId, workspace, params.fhirServiceName!);
  if (!service) return { status: 204 };
  // Data first, so a failure leaves a service to delete again rather than data nobody can reach; and once more
  // after the record is gone, for writes that landed in between.
  await deps.removeFhirData(service.id);
  const removed = await deps.directory.healthcare.deleteFhirService(tenantId, workspace, params.fhirServiceName!);
  await deps.removeFhirData(removed.id);
  return { status: 200 };
};
