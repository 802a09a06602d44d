/** The tenant's app management policy over Graph, and the secret lifetime cap it puts on addPassword. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, grantGraphRole } from './support/sts.js';
import { appToken, userToken } from './support/tokens.js';

const DAY = 86_400_000;
const POLICY = '/policies/defaultAppManagementPolicy';
const POLICY_READWRITE_APPLICATION_CONFIGURATION = 'be74164b-cff1-491c-8741-e671cb536e13';

function monthsLater(months: number, from = new Date()): string {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end.toISOString();
}

describe('Graph defaultAppManagementPolicy', () => {
  let t: TestApp;
  let admin: GraphClient;
  let app: { id: string };

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    app = (await admin.post('/applications', { displayName: 'policy app' })).json();
  });
  afterAll(async () => t?.close());

  const addPassword = (passwordCredential: Record<string, unknown>) => admin.post(`/applications/${app.id}/addPassword`, { passwordCredential });
  const setPolicy = async (body: Record<string, unknown>) => expect((await admin.patch(POLICY, body)).statusCode).toBe(204);

  it('shows a 24-month cap on client secrets by default', async () => {
    const res = await admin.get(POLICY);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      '@odata.context': `${t.publicUrl}/v1.0/$metadata#policies/defaultAppManagementPolicy/$entity`,
      id: '00000000-0000-0000-0000-000000000000', displayName: 'Default app management tenant policy', description: expect.any(String),
      isEnabled: true,
      applicationRestrictions: {
        passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P730D', restrictForAppsCreatedAfterDateTime: '1970-01-01T00:00:00Z', state: 'enabled' }],
        keyCredentials: [],
      },
      servicePrincipalRestrictions: { passwordCredentials: [], keyCredentials: [] },
    });
  });

  it('refuses a 25-month secret, as Entra words it; 24 months and the default pass', async () => {
    const error = expectGraphError(await addPassword({ endDateTime: monthsLater(25) }), 400, 'CredentialInvalidLifetimeAsPerAppPolicy',
      /^Credential lifetime exceeds the max value allowed as per assigned policy '00000000-0000-0000-0000-000000000000'\. .*P730D/);
    expect(error.details).toEqual([{ code: 'InvalidValue', target: 'endDateTime' }]);
    for (const months of [24, 6, 3]) expect((await addPassword({ endDateTime: monthsLater(months) })).statusCode).toBe(200);
    // Graph's default is two years; under the cap it becomes the cap, so `addPassword {}` keeps working.
    const fallback = (await addPassword({})).json();
    expect(Date.parse(fallback.endDateTime) - Date.parse(fallback.startDateTime)).toBe(730 * DAY);
    // The lifetime counts from the start, not from now.
    const start = new Date(Date.now() + 60 * DAY);
    expect((await addPassword({ startDateTime: start.toISOString(), endDateTime: monthsLater(24, start) })).statusCode).toBe(200);
  });

  it('applies a tighter cap once an administrator sets it', async () => {
    await setPolicy({ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P365D' }] } });
    expect((await admin.get(POLICY)).json().applicationRestrictions.passwordCredentials[0].maxLifetime).toBe('P365D');
    expectGraphError(await addPassword({ endDateTime: monthsLater(13) }), 400, 'CredentialInvalidLifetimeAsPerAppPolicy', /at most P365D/);
    expect((await addPassword({ endDateTime: monthsLater(12) })).statusCode).toBe(200);
    const fallback = (await addPassword({})).json();
    expect(Date.parse(fallback.endDateTime) - Date.parse(fallback.startDateTime)).toBe(365 * DAY);
  });

  it('spares applications created before restrictForAppsCreatedAfterDateTime, and stops when disabled', async () => {
    await setPolicy({ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P30D', restrictForAppsCreatedAfterDateTime: new Date(Date.now() + DAY).toISOString() }] } });
    expect((await addPassword({ endDateTime: monthsLater(13) })).statusCode).toBe(200);
    await setPolicy({ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P30D' }] } });
    expectGraphError(await addPassword({ endDateTime: monthsLater(2) }), 400, 'CredentialInvalidLifetimeAsPerAppPolicy');
    await setPolicy({ isEnabled: false });
    expect((await addPassword({ endDateTime: monthsLater(60) })).statusCode).toBe(200);
  });

  it('can block client secrets altogether', async () => {
    await setPolicy({ isEnabled: true, applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition' }] } });
    expectGraphError(await addPassword({}), 400, 'CredentialTypeNotAllowedAsPerAppPolicy', /Credential type not allowed as per assigned policy/);
    await setPolicy({ applicationRestrictions: { passwordCredentials: [] } });
    expect((await addPassword({ endDateTime: monthsLater(60) })).statusCode).toBe(200);
  });

  it('is changed by application administrators and apps holding Policy.ReadWrite.ApplicationConfiguration', async () => {
    await t.directory.users.create(t.tenantId, { userPrincipalName: `dave@${t.domain}`, displayName: 'Dave', password: 'D4ve-Passw0rd!' });
    const dave = graphClient(t, await userToken(t, { username: `dave@${t.domain}`, password: 'D4ve-Passw0rd!' }));
    expect((await dave.get(POLICY)).statusCode).toBe(200);
    expectGraphError(await dave.patch(POLICY, { isEnabled: false }), 403, 'Authorization_RequestDenied');

    const daemon = await createConfidentialClient(t);
    const plain = graphClient(t, await appToken(t, daemon.appId, daemon.secret));
    expectGraphError(await plain.patch(POLICY, { isEnabled: false }), 403, 'Authorization_RequestDenied');
    await grantGraphRole(t, daemon.spId, POLICY_READWRITE_APPLICATION_CONFIGURATION);
    const allowed = graphClient(t, await appToken(t, daemon.appId, daemon.secret));
    expect((await allowed.patch(POLICY, { displayName: 'Set by automation' })).statusCode).toBe(204);
    expect((await allowed.get(POLICY)).json().displayName).toBe('Set by automation');

    expectGraphError(await admin.patch(POLICY, { applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'two years' }] } }),
      400, 'Request_BadRequest', /ISO 8601 duration/);
    expectGraphError(await admin.get(`${POLICY}?$expand=x`), 400, 'Request_UnsupportedQuery');
  });
});
