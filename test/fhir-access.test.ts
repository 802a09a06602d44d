/**
 * FhirAccess against a real directory and real tokens from the token endpoint: who gets in (401), who may act
 * (403, roles direct and through groups, taking effect on the next request), and SMART on FHIR (fhirUser, scopes,
 * the patient compartment).
 */
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenVerifier } from '../src/access/access-token-verifier.js';
import { FHIR_USER_PROPERTY } from '../src/directory/fhir-user.js';
import { HEALTHCARE_APP_ID } from '../src/directory/first-party.js';
import { FhirAccess, type FhirPrincipal, type FhirServiceIdentity } from '../src/healthcare/fhir/access/fhir-access.js';
import { smartConfiguration } from '../src/healthcare/fhir/access/smart-configuration.js';
import { FhirError } from '../src/healthcare/fhir/outcome.js';
import { movableClock } from './support/clock.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, decodeJwt, grantConsent, postToken } from './support/sts.js';
import { CLI_CLIENT_ID, userToken } from './support/tokens.js';

const PASSWORD = 'Clinician-Passw0rd!';
const clock = movableClock();

describe('FhirAccess', () => {
  let t: TestApp;
  let access: FhirAccess;
  let service: FhirServiceIdentity;
  let adminToken: string;

  const services = () => ({ config: t.config, directory: t.directory, publicUrl: () => t.publicUrl });
  const bearer = (token: string) => `Bearer ${token}`;
  const refusal = async (p: Promise<unknown> | (() => unknown)): Promise<FhirError> => {
    const err = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(() => undefined, (e: unknown) => e);
    if (!(err instanceof FhirError)) throw new Error(`expected a FhirError, got ${String(err)}`);
    return err;
  };
  const newUser = async (name: string) => t.directory.users.create(t.tenantId, {
    userPrincipalName: `${name}@${t.domain}`, displayName: name, password: PASSWORD,
  });
  const fhirToken = (username: string) => userToken(t, { username, password: PASSWORD, scope: `${t.fhirUrl}/.default` });
  const assign = (principalId: string, role: string, principalType = 'User') =>
    t.directory.healthcare.assignRole(t.tenantId, { principalId, principalType, role, scope: t.fhirUrl });

  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    access = new FhirAccess(services());
    const found = (await t.directory.healthcare.fhirServiceByPath('local-fhir'))!;
    service = { tenantId: found.tenantId, workspace: found.workspace, name: found.name, url: found.url };
    adminToken = await userToken(t, { scope: `${t.fhirUrl}/.default` });
  });
  afterAll(async () => t?.close());

  describe('authentication (401)', () => {
    const challenge = () => `Bearer authorization_uri="${t.publicUrl}/${t.tenantId}/oauth2/authorize", resource_id="${t.fhirUrl}", realm="${t.fhirUrl}"`;

    it('refuses a request without a token with a Bearer challenge naming the authority and the service', async () => {
      for (const header of [undefined, '', 'Basic YWJjOmRlZg==', 'Bearer']) {
        const err = await refusal(access.authenticate(header, service));
        expect(err.status).toBe(401);
        expect(err.outcome()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Authentication failed.' }] });
        expect(err.outcome().id).toMatch(/^[0-9a-f]{32}$/);
        expect(err.headers['WWW-Authenticate']).toBe(challenge());
      }
    });

    it('says invalid_token when a token was presented: malformed, tampered, for another audience', async () => {
      const [h, p, s] = adminToken.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, oid: crypto.randomUUID() })).toString('base64url')}.${s}`;
      const graphToken = await userToken(t);
      for (const token of ['garbage', tampered, graphToken]) {
        const err = await refusal(access.authenticate(bearer(token), service));
        expect(err.status).toBe(401);
        expect(err.headers['WWW-Authenticate']).toMatch(new RegExp(`^${challenge().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, error="invalid_token", error_description="[^"]+"$`));
      }
      expect((await refusal(access.authenticate(bearer(graphToken), service))).headers['WWW-Authenticate']).toContain('Invalid audience');
    });

    it('accepts the audience with a trailing slash or another letter case in the host', async () => {
      const slash = await userToken(t, { scope: `${t.fhirUrl}//.default` });
      expect(decodeJwt(slash).payload.aud).toBe(`${t.fhirUrl}/`);
      await expect(access.authenticate(bearer(slash), service)).resolves.toMatchObject({ caller: { audience: `${t.fhirUrl}/` } });
      const upper = t.fhirUrl.replace('localhost', 'LOCALHOST');
      const mixed = await userToken(t, { scope: `${upper}/.default` });
      await expect(access.authenticate(bearer(mixed), service)).resolves.toBeDefined();
    });

    it("refuses another tenant's token, for its own service or presented as this tenant's", async () => {
      const other = await t.directory.tenants.create({ displayName: 'Fabrikam', domain: 'fabrikam-fhir.test' });
      await t.directory.healthcare.createWorkspace(other.id, 'fab');
      const theirs = await t.directory.healthcare.createFhirService(other.id, 'fab', 'fhir');
      await t.directory.users.create(other.id, { userPrincipalName: 'nurse@fabrikam-fhir.test', displayName: 'Nurse', password: PASSWORD });
      await t.directory.servicePrincipals.ensure(other.id, CLI_CLIENT_ID);
      const token = await userToken(t, { tenant: other.id, username: 'nurse@fabrikam-fhir.test', password: PASSWORD, scope: `${theirs.url}/.default` });
      expect((await refusal(access.authenticate(bearer(token), service))).status).toBe(401);
      // The same token at a service that claims its URL but lives in our tenant: the issuer is not this service's authority.
      const err = await refusal(access.authenticate(bearer(token), { tenantId: t.tenantId, workspace: 'fab', name: 'fhir', url: theirs.url }));
      expect(err.status).toBe(401);
      expect(err.headers['WWW-Authenticate']).toContain('Invalid issuer');
    });

    it('refuses an expired token, allowing five minutes of skew', async () => {
      const token = await userToken(t, { scope: `${t.fhirUrl}/.default` });
      const exp = decodeJwt(token).payload.exp * 1000;
      try {
        clock.offsetMs = exp - Date.now() + 4 * 60_000;
        await expect(access.authenticate(bearer(token), service)).resolves.toBeDefined();
        clock.offsetMs = exp - Date.now() + 6 * 60_000;
        const err = await refusal(access.authenticate(bearer(token), service));
        expect(err.status).toBe(401);
        expect(err.headers['WWW-Authenticate']).toContain('the token is expired');
      } finally {
        clock.offsetMs = 0;
      }
    });

    it('shares one verifier with Graph and the STS', () => {
      const s = services();
      expect(accessTokenVerifier(s.directory, s.publicUrl)).toBe(accessTokenVerifier(s.directory, s.publicUrl));
    });
  });

  describe('roles (403)', () => {
    it('lets the Contributor do everything', async () => {
      const p = await access.authenticate(bearer(adminToken), service);
      expect(p.roles.map((r) => r.name)).toEqual(['FHIR Data Contributor']);
      for (const action of ['read', 'search', 'create', 'update', 'delete', 'hardDelete', 'export', 'import', 'convertData'] as const) {
        expect(() => access.require(p, action, { resourceType: 'Observation' })).not.toThrow();
      }
      expect(access.searchRestriction(p)).toBeUndefined();
    });

    it('refuses a valid token whose caller holds no role on the service', async () => {
      await newUser('norole');
      const err = await refusal(access.authenticate(bearer(await fhirToken(`norole@${t.domain}`)), service));
      expect(err.status).toBe(403);
      expect(err.outcome().issue).toEqual([{ severity: 'error', code: 'forbidden', diagnostics: 'Authorization failed.' }]);
      expect(err.headers).toEqual({});
    });

    it('grants a role held through a group, and stops on the next request once the membership or assignment goes', async () => {
      const user = await newUser('reader');
      const token = await fhirToken(`reader@${t.domain}`);
      const group = await t.directory.groups.create(t.tenantId, { displayName: 'FHIR readers', mailEnabled: false, mailNickname: 'fhirreaders', securityEnabled: true });
      await assign(group.id, 'FHIR Data Reader', 'Group');
      expect((await refusal(access.authenticate(bearer(token), service))).status).toBe(403);

      await t.directory.groups.addMember(t.tenantId, group.id, user.id);
      const p = await access.authenticate(bearer(token), service);
      expect(p.roles.map((r) => r.name)).toEqual(['FHIR Data Reader']);
      access.require(p, 'read', { resourceType: 'Patient', id: 'x' });
      access.require(p, 'search', { resourceType: 'Patient' });
      expect((await refusal(() => access.require(p, 'create', { resourceType: 'Patient' }))).status).toBe(403);
      expect((await refusal(() => access.require(p, 'export'))).status).toBe(403);

      await t.directory.groups.removeMember(t.tenantId, group.id, user.id);
      expect((await refusal(access.authenticate(bearer(token), service))).status).toBe(403);

      const direct = await assign(user.id, 'FHIR Data Writer');
      const writer = await access.authenticate(bearer(token), service);
      access.require(writer, 'update', { resourceType: 'Patient', id: 'x' });
      access.require(writer, 'delete', { resourceType: 'Patient', id: 'x' });
      expect((await refusal(() => access.require(writer, 'hardDelete', { resourceType: 'Patient', id: 'x' }))).status).toBe(403);
      await t.directory.healthcare.deleteRoleAssignment(t.tenantId, direct.id);
      expect((await refusal(access.authenticate(bearer(token), service))).status).toBe(403);
    });

    it('gives an application its roles by service principal, without looking at scp', async () => {
      const client = await createConfidentialClient(t, { displayName: 'fhir daemon' });
      const res = await postToken(t, { grant_type: 'client_credentials', client_id: client.appId, client_secret: client.secret, scope: `${t.fhirUrl}/.default` });
      const token = res.json().access_token as string;
      expect((await refusal(access.authenticate(bearer(token), service))).status).toBe(403);
      await assign(client.spId, 'FHIR Data Exporter', 'ServicePrincipal');
      const p = await access.authenticate(bearer(token), service);
      expect(p.caller.kind).toBe('app');
      access.require(p, 'export');
      expect((await refusal(() => access.require(p, 'import'))).status).toBe(403);
    });
  });

  describe('SMART on FHIR', () => {
    let smartClient: { appId: string; secret: string; spId: string };
    let patientUser: { id: string };
    const observation = (patient: string) => ({ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${patient}` } }) as unknown as Resource;
    const smartToken = async (username: string, extra: Record<string, string> = {}, version: 1 | 2 = 2) => {
      const params: Record<string, string> = {
        grant_type: 'password', client_id: smartClient.appId, client_secret: smartClient.secret, username, password: PASSWORD,
        ...(version === 2 ? { scope: `${t.fhirUrl}/.default openid` } : { resource: t.fhirUrl, scope: 'openid' }), ...extra,
      };
      const res = await postToken(t, params, { version });
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json() as { access_token: string; id_token?: string };
    };

    beforeAll(async () => {
      smartClient = await createConfidentialClient(t, { displayName: 'smart app' });
      const healthcare = (await t.directory.servicePrincipals.get(t.tenantId, HEALTHCARE_APP_ID, 'appId'))!;
      await grantConsent(t, { clientSpId: smartClient.spId, resourceSpId: healthcare.id, scope: 'fhirUser patient.Observation.read patient.Patient.read launch.patient' });
      patientUser = await newUser('patient1');
      await assign(patientUser.id, 'FHIR SMART User');
      // The attribute is set the way an administrator would: Graph PATCH on the user, with a relative reference.
      const graph = await userToken(t);
      const patch = await t.app.inject({
        method: 'PATCH', url: `/v1.0/users/${patientUser.id}`, headers: { authorization: bearer(graph), 'content-type': 'application/json' },
        payload: { [FHIR_USER_PROPERTY]: 'Patient/p1' },
      });
      expect(patch.statusCode).toBe(204);
    });

    it('keeps fhirUser as a directory extension property of the user in Graph', async () => {
      const graph = await userToken(t);
      const get = (query: string) => t.app.inject({ method: 'GET', url: `/v1.0/users/${patientUser.id}${query}`, headers: { authorization: bearer(graph) } });
      expect((await get(`?$select=id,${FHIR_USER_PROPERTY}`)).json()).toMatchObject({ id: patientUser.id, [FHIR_USER_PROPERTY]: 'Patient/p1' });
      expect((await get('')).json()).not.toHaveProperty(FHIR_USER_PROPERTY);
      const bad = await t.app.inject({
        method: 'PATCH', url: `/v1.0/users/${patientUser.id}`, headers: { authorization: bearer(graph), 'content-type': 'application/json' },
        payload: { [FHIR_USER_PROPERTY]: 'Observation/1' },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('puts fhirUser (absolute, on this service) into FHIR access tokens, v1 and v2, and into the ID token with the fhirUser scope', async () => {
      const v2 = await smartToken(`patient1@${t.domain}`);
      const claims = decodeJwt(v2.access_token).payload;
      expect(claims).toMatchObject({ aud: t.fhirUrl, fhirUser: `${t.fhirUrl}/Patient/p1` });
      expect(claims.scp.split(' ').sort()).toEqual(['fhirUser', 'launch.patient', 'patient.Observation.read', 'patient.Patient.read']);
      expect(decodeJwt(v2.id_token!).payload.fhirUser).toBe(`${t.fhirUrl}/Patient/p1`);
      const v1 = await smartToken(`patient1@${t.domain}`, {}, 1);
      expect(decodeJwt(v1.access_token).payload).toMatchObject({ ver: '1.0', aud: t.fhirUrl, fhirUser: `${t.fhirUrl}/Patient/p1` });
      // Graph tokens do not carry it; the ID token does not without the fhirUser scope.
      expect(decodeJwt(await userToken(t, { username: `patient1@${t.domain}`, password: PASSWORD })).payload).not.toHaveProperty('fhirUser');
      const cli = await postToken(t, { grant_type: 'password', client_id: CLI_CLIENT_ID, username: `patient1@${t.domain}`, password: PASSWORD, scope: `${t.fhirUrl}/.default openid` });
      expect(decodeJwt(cli.json().access_token).payload.fhirUser).toBe(`${t.fhirUrl}/Patient/p1`);
      expect(decodeJwt(cli.json().id_token).payload).not.toHaveProperty('fhirUser');
    });

    it('confines patient scopes to the fhirUser compartment and the types they name', async () => {
      const p: FhirPrincipal = await access.authenticate(bearer((await smartToken(`patient1@${t.domain}`)).access_token), service);
      expect(p.smart).toMatchObject({ fhirUser: { resourceType: 'Patient', id: 'p1' }, patientId: 'p1' });
      access.require(p, 'read', { resourceType: 'Observation', id: 'o1' });
      access.require(p, 'read', { resourceType: 'Observation', id: 'o1', resource: observation('p1') });
      access.require(p, 'read', { resourceType: 'Patient', id: 'p1' });
      access.require(p, 'search', { resourceType: 'Observation' });
      for (const [action, target] of [
        ['read', { resourceType: 'Observation', id: 'o1', resource: observation('p2') }],
        ['read', { resourceType: 'Patient', id: 'p2' }],
        ['read', { resourceType: 'Condition', id: 'c1' }],
        ['create', { resourceType: 'Observation', resource: observation('p1') }],
        ['delete', { resourceType: 'Observation', id: 'o1' }],
        ['export', {}],
      ] as const) {
        expect((await refusal(() => access.require(p, action, target))).status, `${action} ${JSON.stringify(target)}`).toBe(403);
      }
      expect(access.searchRestriction(p)).toEqual({ patientId: 'p1', resourceTypes: ['Observation', 'Patient'] });
    });

    it('answers 400 to a SMART-only caller without a usable fhirUser, and 403 without clinical scopes', async () => {
      const nobody = await newUser('nofhiruser');
      await assign(nobody.id, 'FHIR SMART User');
      const err = await refusal(access.authenticate(bearer((await smartToken(`nofhiruser@${t.domain}`)).access_token), service));
      expect(err.status).toBe(400);
      expect(err.outcome().issue[0]).toMatchObject({ severity: 'error', code: 'invalid' });
      // With another role besides, the SMART role simply adds nothing.
      await assign(nobody.id, 'FHIR Data Reader');
      const reader = await access.authenticate(bearer((await smartToken(`nofhiruser@${t.domain}`)).access_token), service);
      expect(reader.smart).toBeUndefined();
      access.require(reader, 'read', { resourceType: 'Condition', id: 'c' });
      expect(access.searchRestriction(reader)).toBeUndefined();
      // user_impersonation only (the CLI): no clinical scopes, so the SMART User role allows nothing.
      const p = await access.authenticate(bearer(await fhirToken(`patient1@${t.domain}`)), service);
      expect((await refusal(() => access.require(p, 'read', { resourceType: 'Observation' }))).status).toBe(403);
    });
  });

  it('describes the SMART configuration of a service', () => {
    const config = smartConfiguration(services(), service) as Record<string, any>;
    expect(config).toMatchObject({
      issuer: `${t.publicUrl}/${t.tenantId}/v2.0`,
      jwks_uri: `${t.publicUrl}/${t.tenantId}/discovery/v2.0/keys`,
      authorization_endpoint: `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/authorize`,
      token_endpoint: `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/token`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(config.capabilities).toEqual(expect.arrayContaining(['launch-standalone', 'client-public', 'client-confidential-symmetric',
      'context-standalone-patient', 'permission-patient', 'permission-user', 'sso-openid-connect']));
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch.patient', 'patient.all.read', 'user.Observation.read']));
  });
});
