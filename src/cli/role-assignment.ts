/**
 * `entrada role assignment create|list|delete` and `entrada role definition list`, as az role, for the FHIR
 * data-plane roles on FHIR services, over the server's management API.
 */
import type { Command } from 'commander';
import { act, type Invocation } from './command.js';
import { CliError } from './errors.js';
import { AUTHORIZATION_API_VERSION, Management, type ArmObject } from './management.js';
import { principalById, resolveAssignee, resolveRole, resolveScope, roleDefinitions, roleNameOf } from './role-assignment-lookup.js';
import type { Runtime } from './runtime.js';

interface CreateOptions { assignee?: string; assigneeObjectId?: string; assigneePrincipalType?: string; role: string; scope: string; name?: string }
interface ListOptions { assignee?: string; role?: string; scope?: string; all?: boolean }
interface DeleteOptions extends ListOptions { ids?: string[]; yes?: boolean }

const assignmentsPath = (scope: string) => `${scope}/providers/Microsoft.Authorization/roleAssignments`;

/** az's output: the properties flattened beside id, name and type, with the role's and principal's names. */
async function shaped(invocation: Invocation, items: ArmObject[]): Promise<ArmObject[]> {
  const roles = new Map((await roleDefinitions(invocation)).map((d) => [String(d.id).toLowerCase(), roleNameOf(d)]));
  const names = new Map<string, string | null>();
  const out: ArmObject[] = [];
  for (const item of items) {
    const props = (item.properties ?? {}) as Record<string, unknown>;
    const principalId = String(props.principalId);
    if (!names.has(principalId)) names.set(principalId, (await principalById(invocation, principalId, String(props.principalType)))?.name ?? null);
    out.push({
      ...props, id: item.id, name: item.name, type: item.type, resourceGroup: 'entrada',
      roleDefinitionName: roles.get(String(props.roleDefinitionId).toLowerCase()) ?? null, principalName: names.get(principalId) ?? null,
    });
  }
  return out;
}

/** az's table for role assignments. */
const tableRow = (a: Record<string, unknown>) => ({ Principal: a.principalName ?? a.principalId, Role: a.roleDefinitionName, Scope: a.scope });

async function matching(invocation: Invocation, o: ListOptions): Promise<ArmObject[]> {
  const m = new Management(invocation);
  const principal = o.assignee ? await resolveAssignee(invocation, o.assignee) : undefined;
  const path = o.scope ? assignmentsPath(await resolveScope(invocation, o.scope)) : assignmentsPath(`/subscriptions/${m.subscription()}`);
  let items = await m.list(path, AUTHORIZATION_API_VERSION, principal ? `principalId eq '${principal.id}'` : undefined);
  if (o.role) {
    const role = String((await resolveRole(invocation, o.role)).id).toLowerCase();
    items = items.filter((a) => String((a.properties as { roleDefinitionId?: string }).roleDefinitionId).toLowerCase() === role);
  }
  return items;
}

export function registerRole(program: Command, runtime: Runtime): void {
  const role = program.command('role').description('Manage FHIR data-plane role assignments (as az role).');
  const assignment = role.command('assignment').description('Manage role assignments.');

  act<CreateOptions>(runtime, assignment.command('create').description('Assign a FHIR role to a user, group or service principal on a FHIR service.')
    .option('--assignee <assignee>', 'a user (UPN or object id), a service principal (appId or object id) or a group (object id)')
    .option('--assignee-object-id <id>', 'the object id of the assignee, without a Graph lookup')
    .option('--assignee-principal-type <type>', 'with --assignee-object-id: User, Group or ServicePrincipal')
    .requiredOption('--role <role>', "the role's name (e.g. \"FHIR Data Contributor\") or id")
    .requiredOption('--scope <scope>', "the FHIR service's URL or resource id")
    .option('--name <guid>', 'the name (a GUID) of the new role assignment'),
  async (o, invocation) => {
    if (!o.assignee && !o.assigneeObjectId) throw new CliError('usage error: --assignee | --assignee-object-id', 2);
    const principalId = o.assigneeObjectId ?? (await resolveAssignee(invocation, o.assignee!)).id;
    const [definition, scope] = [await resolveRole(invocation, o.role), await resolveScope(invocation, o.scope)];
    const name = o.name ?? crypto.randomUUID();
    const created = await new Management(invocation).put(`${assignmentsPath(scope)}/${name}`, AUTHORIZATION_API_VERSION, {
      properties: { roleDefinitionId: definition.id, principalId, ...(o.assigneePrincipalType ? { principalType: o.assigneePrincipalType } : {}) },
    });
    return (await shaped(invocation, [created]))[0];
  }, tableRow);

  act<ListOptions>(runtime, assignment.command('list').description('List role assignments on FHIR services.')
    .option('--assignee <assignee>', 'only those of this user, group or service principal')
    .option('--role <role>', 'only those of this role')
    .option('--scope <scope>', 'only those on this FHIR service (URL or resource id)')
    .option('--all', 'accepted for compatibility: every assignment is listed'),
  async (o, invocation) => shaped(invocation, await matching(invocation, o)), tableRow);

  act<DeleteOptions>(runtime, assignment.command('delete').description('Delete role assignments, by id or by assignee, role and scope.')
    .option('--ids <ids...>', 'role assignment ids')
    .option('--assignee <assignee>', 'the assignee whose assignments to delete')
    .option('--role <role>', 'the role whose assignments to delete')
    .option('--scope <scope>', 'the FHIR service whose assignments to delete')
    .option('-y, --yes', 'accepted for compatibility'),
  async (o, invocation) => {
    const m = new Management(invocation);
    if (o.ids?.length) {
      for (const id of o.ids) await m.delete(id, AUTHORIZATION_API_VERSION);
      return undefined;
    }
    if (!o.assignee && !o.role && !o.scope) {
      throw new CliError('When assignment ids are not provided, please provide at least one of these parameters: --assignee, --role, --scope', 2);
    }
    const items = await matching(invocation, o);
    if (items.length === 0) invocation.warn('No matched assignments were found to delete');
    for (const item of items) await m.delete(String(item.id), AUTHORIZATION_API_VERSION);
    return undefined;
  });

  const definition = role.command('definition').description('Show role definitions.');
  act<{ name?: string }>(runtime, definition.command('list').description('List the FHIR role definitions.')
    .option('-n, --name <name>', "only the role with this name or id"),
  async (o, invocation) => {
    const all = await roleDefinitions(invocation);
    const flat = all.map((d) => ({ ...(d.properties as object), id: d.id, name: d.name, type: d.type }));
    if (!o.name) return flat;
    const key = o.name.toLowerCase();
    return flat.filter((d) => String(d.name).toLowerCase() === key || String((d as { roleName?: string }).roleName).toLowerCase() === key);
  }, (d) => ({ Name: d.roleName, Type: d.type, Description: d.description }));
}
