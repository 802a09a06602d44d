/** Microsoft.HealthcareApis/workspaces: list, show, create (idempotent PUT) and delete. */
import { DirectoryError } from '../../directory/errors.js';
import { armErrors } from './arm-errors.js';
import { workspaceResource, WORKSPACE_TYPE } from './arm-resources.js';
import { bodyObject, type ManagementHandler } from './context.js';

export const listWorkspaces: ManagementHandler = async ({ deps, tenantId }) => ({
  status: 200, body: { value: (await deps.directory.healthcare.workspaces(tenantId)).map((ws) => workspaceResource(tenantId, ws)) },
});

export const getWorkspace: ManagementHandler = async ({ deps, tenantId, params }) => {
  const ws = await deps.directory.healthcare.workspace(tenantId, params.workspaceName!);
  if (!ws) throw armErrors.resourceNotFound(WORKSPACE_TYPE, params.workspaceName!);
  return { status: 200, body: workspaceResource(tenantId, ws) };
};

/** PUT creates the workspace (201) or answers the existing one (200); there is nothing of it to update. */
export const putWorkspace: ManagementHandler = async ({ deps, tenantId, params, body }) => {
  bodyObject(body);
  const existing = await deps.directory.healthcare.workspace(tenantId, params.workspaceName!);
  if (existing) return { status: 200, body: workspaceResource(tenantId, existing) };
  try {
    const ws = await deps.directory.healthcare.createWorkspace(tenantId, params.workspaceName!);
    return { status: 201, body: workspaceResource(tenantId, ws) };
  } catch (err) {
    // Two PUTs of the same workspace at once: the one that lost the race answers what the other created.
    const raced = err instanceof DirectoryError && err.kind === 'conflict' ? await deps.directory.healthcare.workspace(tenantId, params.workspaceName!) : undefined;
    if (raced) return { status: 200, body: workspaceResource(tenantId, raced) };
    throw err;
  }
};

/** DELETE: 200 when deleted, 204 when there was nothing to delete (as ARM), 409 while it holds FHIR services. */
export const deleteWorkspace: ManagementHandler = async ({ deps, tenantId, params }) => {
  if (!await deps.directory.healthcare.workspace(tenantId, params.workspaceName!)) return { status: 204 };
  await deps.directory.healthcare.deleteWorkspace(tenantId, params.workspaceName!);
  return { status: 200 };
};
