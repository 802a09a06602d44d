import type { DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';

/**
 * The application's credentials live in their own tables and are written by their own services; each write
 * first checks the application is there, in this tenant, so no credential is ever left without its owner.
 */
export async function requireApplication(ctx: DirectoryContext, tenantId: string, applicationId: string): Promise<void> {
  const row = await ctx.store.tenant(tenantId).selectFrom('applications').select('id').where('id', '=', applicationId.toLowerCase()).executeTakeFirst();
  if (!row) {
    throw new DirectoryError('not_found', `Resource '${applicationId}' does not exist or one of its queried reference-property objects are not present.`);
  }
}
