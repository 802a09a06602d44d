/**
 * Writing an app's permission lists back through Graph: `origin` is read-only (Graph refuses it in a PATCH), and
 * an enabled scope or app role cannot be removed, so removal first disables it and then drops it.
 */
import type { Graph } from '../../../api/graph';

export function withoutOrigin<T extends object>(item: T): Omit<T, 'origin'> {
  const rest = { ...item } as T & { origin?: unknown };
  delete rest.origin;
  return rest;
}

type Permission = { id: string; isEnabled: boolean; origin?: unknown };

/** The PATCH body for a list of scopes or app roles under `kind`. */
function body(kind: 'scopes' | 'appRoles', items: Permission[]): Record<string, unknown> {
  const clean = items.map(withoutOrigin);
  return kind === 'scopes' ? { api: { oauth2PermissionScopes: clean } } : { appRoles: clean };
}

export async function setEnabled(graph: Graph, objectId: string, kind: 'scopes' | 'appRoles', items: Permission[], id: string, enabled: boolean): Promise<void> {
  await graph.patch(`/applications/${objectId}`, body(kind, items.map((p) => p.id === id ? { ...p, isEnabled: enabled } : p)));
}

export async function removePermission(graph: Graph, objectId: string, kind: 'scopes' | 'appRoles', items: Permission[], id: string): Promise<void> {
  if (items.find((p) => p.id === id)?.isEnabled) await setEnabled(graph, objectId, kind, items, id, false);
  await graph.patch(`/applications/${objectId}`, body(kind, items.filter((p) => p.id !== id)));
}
