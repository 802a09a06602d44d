import type { DirectoryContext } from './context.js';

/** The base URL of a FHIR service: `{publicUrl}/fhir/{workspace}-{service}`. */
export function fhirServiceUrl(publicUrl: string, workspace: string, service: string): string {
  return `${publicUrl}/fhir/${workspace}-${service}`;
}

/** Every FHIR service URL of a tenant: the identifier URIs of its Azure Healthcare APIs principal. */
export async function tenantFhirUrls(ctx: DirectoryContext, tenantId: string): Promise<string[]> {
  const rows = await ctx.store.tenant(tenantId).selectFrom('fhir_services')
    .innerJoin('healthcare_workspaces', 'healthcare_workspaces.id', 'fhir_services.workspace_id')
    .select(['healthcare_workspaces.name as workspace', 'fhir_services.name as service'])
    .orderBy('fhir_services.created_at').execute();
  const base = ctx.publicUrl();
  return rows.map((r) => fhirServiceUrl(base, r.workspace, r.service));
}
