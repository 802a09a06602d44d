/** Display names of role assignment principals, read from Graph by their kind; unknown ones are left out. */
import type { Graph } from '../../api/graph';

const COLLECTION: Record<string, string> = { User: 'users', Group: 'groups', ServicePrincipal: 'servicePrincipals' };

export async function principalNames(graph: Graph, principals: { id: string; type: string }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Map(principals.map((p) => [p.id, p])).values()];
  await Promise.all(unique.map(async (p) => {
    const collection = COLLECTION[p.type];
    if (!collection) return;
    try {
      const object = await graph.get<{ displayName: string }>(`/${collection}/${p.id}`);
      names.set(p.id, object.displayName);
    } catch {
      // Deleted meanwhile, or not readable: the table shows the object ID instead.
    }
  }));
  return names;
}
