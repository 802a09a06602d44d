/**
 * `entrada healthcare workspace …` and `entrada healthcare fhir-service …`, as `az healthcareapis workspace` and
 * `az healthcareapis workspace fhir-service`, over the server's ARM-shaped management API.
 */
import { Command, Option } from 'commander';
import { act, type Invocation } from './command.js';
import { CliError } from './errors.js';
import { HEALTHCARE_API_VERSION, Management, seg, type ArmObject } from './management.js';
import type { Runtime } from './runtime.js';

const RESOURCE_GROUP = 'entrada';

interface Scope { resourceGroup: string }
interface WorkspaceOptions extends Scope { name?: string; workspaceName?: string; location?: string; yes?: boolean }
interface ServiceOptions extends Scope { workspace?: string; workspaceName?: string; name?: string; fhirServiceName?: string; kind: string; location?: string; yes?: boolean }

export function workspacesPath(subscription: string, resourceGroup = RESOURCE_GROUP): string {
  return `/subscriptions/${subscription}/resourceGroups/${seg(resourceGroup)}/providers/Microsoft.HealthcareApis/workspaces`;
}

/** az adds the resource group to what ARM answers. */
function withGroup(resource: ArmObject): ArmObject {
  return { ...resource, resourceGroup: RESOURCE_GROUP };
}

function need(value: string | undefined, flags: string): string {
  if (!value) throw new CliError(`the following arguments are required: ${flags}`, 2);
  return value;
}

const resourceGroup = () => new Option('-g, --resource-group <name>', "the resource group; Entrada has one, 'entrada'").default(RESOURCE_GROUP);

function workspaceCommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description)
    .option('-n, --name <name>', 'the workspace name').option('--workspace-name <name>', 'the workspace name (as az)').addOption(resourceGroup());
}

function serviceCommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description)
    .option('--workspace-name <name>', 'the workspace name (as az)').option('--workspace <name>', 'the workspace name')
    .option('-n, --fhir-service-name <name>', 'the FHIR service name (as az)').option('--name <name>', 'the FHIR service name')
    .addOption(resourceGroup());
}

function workspaceOf(o: { name?: string; workspaceName?: string; workspace?: string }, flags: string): string {
  return need(o.workspaceName ?? o.workspace ?? o.name, flags);
}

function servicePath(invocation: Invocation, o: ServiceOptions): string {
  const m = new Management(invocation);
  const ws = workspaceOf({ workspaceName: o.workspaceName, workspace: o.workspace }, '--workspace-name');
  const svc = need(o.fhirServiceName ?? o.name, '--fhir-service-name/-n');
  return `${workspacesPath(m.subscription(), o.resourceGroup)}/${seg(ws)}/fhirservices/${seg(svc)}`;
}

export function registerHealthcare(program: Command, runtime: Runtime): void {
  const healthcare = program.command('healthcare').alias('healthcareapis')
    .description('Manage Healthcare APIs workspaces and FHIR services (as az healthcareapis).');
  const workspace = healthcare.command('workspace').description('Manage Healthcare APIs workspaces.');

  act<WorkspaceOptions>(runtime, workspaceCommand(workspace, 'create', 'Create a workspace (its name is unique across tenants).')
    .option('-l, --location <location>', 'accepted for compatibility; Entrada runs in one place'),
  async (o, invocation) => {
    const m = new Management(invocation);
    const path = `${workspacesPath(m.subscription(), o.resourceGroup)}/${seg(workspaceOf(o, '--name/-n'))}`;
    return withGroup(await m.put(path, HEALTHCARE_API_VERSION, { location: o.location ?? 'local', properties: {} }));
  });

  act<Partial<Scope>>(runtime, workspace.command('list').description('List workspaces.')
    .option('-g, --resource-group <name>', 'the resource group'),
  async (o, invocation) => {
    const m = new Management(invocation);
    const path = o.resourceGroup ? workspacesPath(m.subscription(), o.resourceGroup)
      : `/subscriptions/${m.subscription()}/providers/Microsoft.HealthcareApis/workspaces`;
    return (await m.list(path, HEALTHCARE_API_VERSION)).map(withGroup);
  });

  act<WorkspaceOptions>(runtime, workspaceCommand(workspace, 'show', 'Show a workspace.'), async (o, invocation) => {
    const m = new Management(invocation);
    return withGroup(await m.get(`${workspacesPath(m.subscription(), o.resourceGroup)}/${seg(workspaceOf(o, '--name/-n'))}`, HEALTHCARE_API_VERSION));
  });

  act<WorkspaceOptions>(runtime, workspaceCommand(workspace, 'delete', 'Delete a workspace; it must hold no FHIR service.')
    .option('-y, --yes', 'do not prompt for confirmation (Entrada never prompts)'),
  async (o, invocation) => {
    const m = new Management(invocation);
    await m.delete(`${workspacesPath(m.subscription(), o.resourceGroup)}/${seg(workspaceOf(o, '--name/-n'))}`, HEALTHCARE_API_VERSION);
  });

  const fhir = workspace.command('fhir-service').description('Manage FHIR services of a workspace.');
  // `entrada healthcare fhir-service …` too, the shorter spelling in contract.md.
  const fhirShort = healthcare.command('fhir-service').description('Manage FHIR services (same as `healthcare workspace fhir-service`).');
  for (const group of [fhir, fhirShort]) registerFhirService(group, runtime);
}

function registerFhirService(group: Command, runtime: Runtime): void {
  act<ServiceOptions>(runtime, serviceCommand(group, 'create', 'Deploy a FHIR R4 service in a workspace.')
    .addOption(new Option('--kind <kind>', 'the kind of FHIR service').choices(['fhir-R4']).default('fhir-R4'))
    .option('-l, --location <location>', 'accepted for compatibility; Entrada runs in one place'),
  async (o, invocation) => withGroup(await new Management(invocation).put(servicePath(invocation, o), HEALTHCARE_API_VERSION, {
    location: o.location ?? 'local', kind: o.kind, properties: {},
  })));

  act<ServiceOptions>(runtime, group.command('list').description('List the FHIR services of a workspace.')
    .option('--workspace-name <name>', 'the workspace name (as az)').option('--workspace <name>', 'the workspace name').addOption(resourceGroup()),
  async (o, invocation) => {
    const m = new Management(invocation);
    const ws = workspaceOf({ workspaceName: o.workspaceName, workspace: o.workspace }, '--workspace-name');
    return (await m.list(`${workspacesPath(m.subscription(), o.resourceGroup)}/${seg(ws)}/fhirservices`, HEALTHCARE_API_VERSION)).map(withGroup);
  });

  act<ServiceOptions>(runtime, serviceCommand(group, 'show', 'Show a FHIR service.'),
    async (o, invocation) => withGroup(await new Management(invocation).get(servicePath(invocation, o), HEALTHCARE_API_VERSION)));

  act<ServiceOptions>(runtime, serviceCommand(group, 'delete', 'Delete a FHIR service with all of its data and role assignments.')
    .option('-y, --yes', 'do not prompt for confirmation (Entrada never prompts)'),
  async (o, invocation) => {
    await new Management(invocation).delete(servicePath(invocation, o), HEALTHCARE_API_VERSION);
  });
}
