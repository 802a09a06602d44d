/**
 * `entrada healthcare …` and `entrada role assignment …` against a real server over HTTPS, signed in as the admin,
 * as a script written for `az healthcareapis` and `az role assignment` would run them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

const PASSWORD = 'Str0ng-Secret!';

describe('entrada healthcare / role assignment', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;
  let tenantId: string;

  async function ok(...args: string[]) {
    const result = await cli(...args);
    expect(result.stderr, args.join(' ')).toBe('');
    expect(result.code, args.join(' ')).toBe(0);
    return result.stdout === '' ? undefined : result.json();
  }

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
    tenantId = server.first.tenant.id;
  });
  afterAll(() => stopSignedInCli(server, home));

  it('creates, lists, shows and deletes workspaces and FHIR services', async () => {
    const ws = await ok('healthcare', 'workspace', 'create', '--name', 'clinic', '--resource-group', 'entrada');
    expect(ws).toMatchObject({ name: 'clinic', type: 'Microsoft.HealthcareApis/workspaces', resourceGroup: 'entrada', properties: { provisioningState: 'Succeeded' } });
    expect((await ok('healthcare', 'workspace', 'list')).map((w: any) => w.name)).toEqual(['local', 'clinic']);
    expect((await ok('healthcare', 'workspace', 'show', '--name', 'clinic')).id)
      .toBe(`/subscriptions/${tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces/clinic`);

    const svc = await ok('healthcare', 'fhir-service', 'create', '--workspace', 'clinic', '--name', 'fhir');
    expect(svc).toMatchObject({ name: 'clinic/fhir', kind: 'fhir-R4', properties: { serviceUrl: `${server.publicUrl}/fhir/clinic-fhir` } });
    // az's spelling.
    const shown = await ok('healthcareapis', 'workspace', 'fhir-service', 'show', '--workspace-name', 'clinic', '-n', 'fhir');
    expect(shown.properties.authenticationConfiguration).toEqual({ authority: `${server.publicUrl}/${tenantId}`, audience: `${server.publicUrl}/fhir/clinic-fhir`, smartProxyEnabled: false });
    expect((await ok('healthcare', 'fhir-service', 'list', '--workspace', 'clinic')).map((s: any) => s.name)).toEqual(['clinic/fhir']);

    const table = await cli('healthcare', 'workspace', 'list', '-o', 'table');
    expect(table.stdout).toMatch(/^Name\s+Location\s+ResourceGroup/m);
    expect(table.stdout).toMatch(/clinic/);

    const busy = await cli('healthcare', 'workspace', 'delete', '--name', 'clinic', '--yes');
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^ERROR: \(Conflict\) .*FHIR services/);
    expect(await ok('healthcare', 'fhir-service', 'delete', '--workspace', 'clinic', '--name', 'fhir', '--yes')).toBeUndefined();
    expect(await ok('healthcare', 'workspace', 'delete', '--name', 'clinic', '--yes')).toBeUndefined();
    const gone = await cli('healthcare', 'workspace', 'show', '--name', 'clinic');
    expect(gone.code).toBe(3);
    expect(gone.stderr).toMatch(/ResourceNotFound/);
  });

  it('reports bad names and a missing workspace as az does', async () => {
    const bad = await cli('healthcare', 'workspace', 'create', '--name', 'No');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ERROR: \(InvalidResourceName\)/);
    expect((await cli('healthcare', 'fhir-service', 'create', '--workspace', 'nowhere', '--name', 'fhir')).code).toBe(3);
    expect((await cli('healthcare', 'workspace', 'show')).code).toBe(2);
  });

  it('assigns, lists and deletes FHIR roles for a user, a service principal and a group', async () => {
    const user = await ok('ad', 'user', 'create', '--display-name', 'Nurse', '--user-principal-name', 'nurse@entrada.test', '--password', PASSWORD);
    const app = await ok('ad', 'app', 'create', '--display-name', 'fhir-daemon');
    const sp = await ok('ad', 'sp', 'create', '--id', app.appId);
    const group = await ok('ad', 'group', 'create', '--display-name', 'Clinicians', '--mail-nickname', 'clinicians');
    const fhirUrl = `${server.publicUrl}/fhir/local-fhir`;
    const scopeId = `/subscriptions/${tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces/local/fhirservices/fhir`;

    const byUpn = await ok('role', 'assignment', 'create', '--assignee', 'nurse@entrada.test', '--role', 'FHIR Data Reader', '--scope', fhirUrl);
    expect(byUpn).toMatchObject({
      principalId: user.id, principalType: 'User', principalName: 'nurse@entrada.test', roleDefinitionName: 'FHIR Data Reader', scope: scopeId,
      type: 'Microsoft.Authorization/roleAssignments', roleDefinitionId: `/subscriptions/${tenantId}/providers/Microsoft.Authorization/roleDefinitions/4c8d0bbc-75d3-4935-991f-5f3c56d81508`,
    });
    expect(byUpn.id).toBe(`${scopeId}/providers/Microsoft.Authorization/roleAssignments/${byUpn.name}`);
    const byAppId = await ok('role', 'assignment', 'create', '--assignee', app.appId, '--role', 'FHIR Data Contributor', '--scope', scopeId);
    expect(byAppId).toMatchObject({ principalId: sp.id, principalType: 'ServicePrincipal', principalName: app.appId });
    const byGroup = await ok('role', 'assignment', 'create', '--assignee', group.id, '--role', 'fhir data writer', '--scope', `${fhirUrl}/`);
    expect(byGroup).toMatchObject({ principalId: group.id, principalType: 'Group', principalName: 'Clinicians', roleDefinitionName: 'FHIR Data Writer' });

    const dup = await cli('role', 'assignment', 'create', '--assignee', user.id, '--role', 'FHIR Data Reader', '--scope', fhirUrl);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/RoleAssignmentExists/);

    const mine = await ok('role', 'assignment', 'list', '--assignee', 'nurse@entrada.test');
    expect(mine.map((a: any) => a.name)).toEqual([byUpn.name]);
    const onScope = await ok('role', 'assignment', 'list', '--scope', fhirUrl);
    expect(onScope.map((a: any) => a.roleDefinitionName)).toEqual(['FHIR Data Contributor', 'FHIR Data Reader', 'FHIR Data Contributor', 'FHIR Data Writer']);
    expect((await ok('role', 'assignment', 'list', '--role', 'FHIR Data Writer')).map((a: any) => a.principalId)).toEqual([group.id]);
    const table = await cli('role', 'assignment', 'list', '--scope', fhirUrl, '-o', 'table');
    expect(table.stdout).toMatch(/^Principal\s+Role\s+Scope/);
    expect(table.stdout).toMatch(/nurse@entrada\.test\s+FHIR Data Reader/);
    expect(await server.directory.healthcare.fhirRolesOf(tenantId, 'local', 'fhir', user.id)).toHaveLength(1);

    expect(await ok('role', 'assignment', 'delete', '--ids', byUpn.id)).toBeUndefined();
    expect(await server.directory.healthcare.fhirRolesOf(tenantId, 'local', 'fhir', user.id)).toEqual([]);
    expect(await ok('role', 'assignment', 'delete', '--assignee', app.appId, '--role', 'FHIR Data Contributor', '--scope', fhirUrl)).toBeUndefined();
    expect((await ok('role', 'assignment', 'list', '--scope', fhirUrl)).map((a: any) => a.principalId)).not.toContain(sp.id);
    const none = await cli('role', 'assignment', 'delete', '--assignee', app.appId);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/^WARNING: No matched assignments/);
  });

  it('refuses unknown assignees, roles and scopes', async () => {
    const nobody = await cli('role', 'assignment', 'create', '--assignee', 'nobody@entrada.test', '--role', 'FHIR Data Reader', '--scope', `${server.publicUrl}/fhir/local-fhir`);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/Cannot find user or service principal/);
    const role = await cli('role', 'assignment', 'create', '--assignee', 'admin@entrada.test', '--role', 'Owner', '--scope', `${server.publicUrl}/fhir/local-fhir`);
    expect(role.stderr).toMatch(/Role 'Owner' doesn't exist/);
    const scope = await cli('role', 'assignment', 'create', '--assignee', 'admin@entrada.test', '--role', 'FHIR Data Reader', '--scope', `${server.publicUrl}/fhir/nope-nope`);
    expect(scope.stderr).toMatch(/is not a FHIR service/);
    expect((await ok('role', 'definition', 'list')).map((d: any) => d.roleName)).toContain('FHIR SMART User');
  });
});
