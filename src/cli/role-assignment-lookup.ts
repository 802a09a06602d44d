/**
 * What `entrada role assignment` resolves before calling the management API, as az does: the assignee (UPN,
 * appId, object id; through Graph), the role (name or id), and the scope (a FHIR service URL or resource id).
 */
import { isGuid } from '../lib/ids.js';
import type { Invocation } from './command.js';
import { CliError } from './errors.js';
import { odataString, type GraphObject } from './graph.js';
import { AUTHORIZATION_API_VERSION, HEALTHCARE_API_VERSION, Management, type ArmObject } from './management.js';

export interface Assignee { id: string; type: 'User' | 'Group' | 'ServicePrincipal'; name: string }

function user(u: GraphObject): Assignee {
  return { id: String(u.id), type: 'User', name: String(u.userPrincipalName) };
}
function servicePrincipal(sp: GraphObject): Assignee {
  return { id: String(sp.id), type: 'ServicePrincipal', name: String(sp.appId) };
}
function group(g: GraphObject): Assignee {
  return { id: String(g.id), type: 'Group', name: String(g.displayName) };
}

/** az's _resolve_object_id: a user by UPN, a service principal by any of its names (appId too), or an object id. */
export async function resolveAssignee(invocation: Invocation, assignee: string): Promise<Assignee> {
  const graph = invocation.graph();
  let found: Assignee | undefined;
  if (assignee.includes('@')) {
    const u = await graph.find(`/users/${encodeURIComponent(assignee)}`);
    found = u ? user(u) : undefined;
  } else if (isGuid(assignee)) {
    const byAppId = await graph.find(`/servicePrincipals(appId=${odataString(assignee)})`);
    found = byAppId ? servicePrincipal(byAppId) : await principalById(invocation, assignee);
  } else {
    const [sp] = await graph.list('/servicePrincipals', { filter: `servicePrincipalNames/any(c:c eq ${odataString(assignee)})` });
    found = sp ? servicePrincipal(sp) : undefined;
  }
  if (!found) {
    throw new CliError(`Cannot find user or service principal in graph database for '${assignee}'. If the assignee is an appId,`
      + ` make sure the corresponding service principal is created with 'entrada ad sp create --id ${assignee}'.`);
  }
  return found;
}

/** A user, service principal or group by object id. */
export async function principalById(invocation: Invocation, id: string, type?: string): Promise<Assignee | undefined> {
  const graph = invocation.graph();
  if (!type || type === 'User') {
    const u = await graph.find(`/users/${id}`);
    if (u) return user(u);
  }
  if (!type || type === 'ServicePrincipal') {
    const sp = await graph.find(`/servicePrincipals/${id}`);
    if (sp) return servicePrincipal(sp);
  }
  if (!type || type === 'Group') {
    const g = await graph.find(`/groups/${id}`);
    if (g) return group(g);
  }
  return undefined;
}

/** The FHIR role definitions, by id. */
export async function roleDefinitions(invocation: Invocation): Promise<ArmObject[]> {
  const m = new Management(invocation);
  return m.list(`/subscriptions/${m.subscription()}/providers/Microsoft.Authorization/roleDefinitions`, AUTHORIZATION_API_VERSION);
}

export const roleNameOf = (d: ArmObject) => String((d.properties as { roleName?: string } | undefined)?.roleName ?? '');

/** A role by name (case-insensitive), id or full role definition id, as az's --role. */
export async function resolveRole(invocation: Invocation, role: string): Promise<ArmObject> {
  const wanted = role.split('/').pop()!.toLowerCase();
  const found = (await roleDefinitions(invocation)).find((d) => roleNameOf(d).toLowerCase() === role.toLowerCase() || String(d.name).toLowerCase() === wanted);
  if (!found) throw new CliError(`Role '${role}' doesn't exist.`, 3);
  return found;
}

/** The resource id of the FHIR service a --scope names: its URL, or a resource id. */
export async function resolveScope(invocation: Invocation, scope: string): Promise<string> {
  const m = new Management(invocation);
  const trimmed = scope.replace(/\/+$/, '');
  if (trimmed.toLowerCase().startsWith('/subscriptions/')) return trimmed;
  const prefix = `/subscriptions/${m.subscription()}/resourceGroups/entrada/providers/Microsoft.HealthcareApis`;
  if (/^\/workspaces\//i.test(trimmed)) return `${prefix}${trimmed}`;
  if (/^https?:\/\//i.test(trimmed)) {
    for (const ws of await m.list(`/subscriptions/${m.subscription()}/providers/Microsoft.HealthcareApis/workspaces`, HEALTHCARE_API_VERSION)) {
      const services = await m.list(`${String(ws.id)}/fhirservices`, HEALTHCARE_API_VERSION);
      const hit = services.find((s) => {
        const props = s.properties as { serviceUrl?: string; authenticationConfiguration?: { audience?: string } } | undefined;
        const url = (props?.serviceUrl ?? props?.authenticationConfiguration?.audience ?? '').replace(/\/+$/, '');
        return url.toLowerCase() === trimmed.toLowerCase();
      });
      if (hit) return String(hit.id);
    }
  }
  throw new CliError(`The scope '${scope}' is not a FHIR service URL or resource id of this tenant.`, 3);
}
