/**
 * Certificate and federated client authentication with the real client libraries over real HTTPS: Azure
 * Identity's ClientCertificateCredential from a PEM file, MSAL Node with each certificate option, Azure
 * Identity's ClientAssertionCredential with an external issuer's token. Run in a child process that trusts the
 * development CA through NODE_EXTRA_CA_CERTS, as users are told to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustIssuerCertificates } from '../src/sts/federation-keys.js';
import { makeCertificate } from './support/certificates.js';
import { startOidcIssuer, type OidcIssuer } from './support/oidc-issuer.js';
import { runRealClientFixture } from './support/real-client.js';
import { startTestServer, tempDir } from './support/server.js';

interface Sent { raw: string; header: Record<string, any>; claims: Record<string, any> }
type Result = ({ ok: true; value: any } | { ok: false; error: { message: string } }) & { assertions: Sent[] };

const claimsOf = (token: string): Record<string, any> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe('real clients with certificates and federated credentials over HTTPS', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let issuer: OidcIssuer;
  let results: Record<string, Result>;
  let appId: string;
  let fedAppId: string;
  const dir = tempDir();
  const cert = makeCertificate({ subject: 'CN=real-certificate-client' });

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    trustIssuerCertificates([issuer.caPem]);
    server = await startTestServer();
    const tenantId = server.first.tenant.id;
    const { directory } = server;
    const app = await directory.applications.create(tenantId, { displayName: 'real certificate client' });
    await directory.keyCredentials.add(tenantId, app.id, { key: cert.base64, type: 'AsymmetricX509Cert', usage: 'Verify' });
    await directory.servicePrincipals.create(tenantId, { appId: app.appId });
    appId = app.appId;
    const fed = await directory.applications.create(tenantId, { displayName: 'real federated client' });
    await directory.federatedCredentials.create(tenantId, fed.id, { name: 'ci-deployer', issuer: issuer.url, subject: 'system:serviceaccount:ci:deployer', audiences: ['api://AzureADTokenExchange'] });
    await directory.servicePrincipals.create(tenantId, { appId: fed.appId });
    fedAppId = fed.appId;
    const pemPath = path.join(dir, 'client.pem');
    fs.writeFileSync(pemPath, cert.certPem + cert.keyPem, { mode: 0o600 });
    const input = {
      publicUrl: server.publicUrl, tenantId, domain: server.first.tenant.domains[0]!.name, fhirUrl: server.fhirUrl, appId, pemPath,
      certPem: cert.certPem, keyPem: cert.keyPem, thumbprintSha1Hex: cert.thumbprintSha1Hex,
      thumbprintSha256Hex: Buffer.from(cert.thumbprintSha256, 'base64url').toString('hex').toUpperCase(),
      federated: { appId: fedAppId, token: await issuer.token({ sub: 'system:serviceaccount:ci:deployer', aud: 'api://AzureADTokenExchange' }) },
    };
    results = await runRealClientFixture('sts-certificate-clients.mjs', server.caCertPath!, 'STS_CERT_CLIENTS_INPUT', input);
  }, 90_000);
  afterAll(async () => {
    trustIssuerCertificates([]);
    await server?.close();
    await issuer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const value = (name: string) => {
    const r = results[name]!;
    if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
    return { value: r.value, assertions: r.assertions };
  };

  it('Azure Identity ClientCertificateCredential (PEM file) signs PS256 with x5t#S256 and gets appidacr "2"', () => {
    const { value: token, assertions } = value('identityPem');
    expect(assertions[0]!.header).toMatchObject({ alg: 'PS256', typ: 'JWT', 'x5t#S256': cert.thumbprintSha256 });
    expect(assertions[0]!.header).not.toHaveProperty('x5t');
    expect(assertions[0]!.claims).toMatchObject({ iss: appId, sub: appId, aud: `${server.publicUrl}/${server.first.tenant.id}/oauth2/v2.0/token` });
    expect(claimsOf(token)).toMatchObject({ aud: server.fhirUrl, appid: appId, appidacr: '2' });
  });

  it('Azure Identity with sendCertificateChain sends x5c', () => {
    const { value: token, assertions } = value('identityChain');
    expect(assertions[0]!.header.x5c).toEqual([cert.base64]);
    expect(claimsOf(token).appidacr).toBe('2');
  });

  it('MSAL Node with the legacy SHA-1 thumbprint signs RS256 with x5t; the domain-form authority stays in aud', () => {
    const { value: token, assertions } = value('msalSha1');
    expect(assertions[0]!.header).toMatchObject({ alg: 'RS256', x5t: cert.thumbprintSha1 });
    expect(assertions[0]!.claims.aud.toLowerCase()).toBe(`${server.publicUrl}/${server.first.tenant.domains[0]!.name}/oauth2/v2.0/token`.toLowerCase());
    expect(claimsOf(token)).toMatchObject({ appid: appId, appidacr: '2' });
  });

  it('MSAL Node with thumbprintSha256 signs PS256 with x5t#S256', () => {
    const { value: token, assertions } = value('msalSha256');
    expect(assertions[0]!.header).toMatchObject({ alg: 'PS256', 'x5t#S256': cert.thumbprintSha256 });
    expect(claimsOf(token).appidacr).toBe('2');
  });

  it('MSAL Node with x5c sends the chain beside the thumbprint', () => {
    const { value: token, assertions } = value('msalX5c');
    expect(assertions[0]!.header).toMatchObject({ alg: 'PS256', x5c: [cert.base64] });
    expect(claimsOf(token).appidacr).toBe('2');
  });

  it('MSAL Node sends the very same assertion again on the next request, and it is accepted', () => {
    const { value: r, assertions } = value('msalReuse');
    expect(assertions).toHaveLength(2);
    expect(assertions[1]!.raw).toBe(assertions[0]!.raw);
    expect(r.secondFromCache).toBe(false);
    expect(claimsOf(r.second).appidacr).toBe('2');
  });

  it('Azure Identity ClientAssertionCredential trades an external issuer\'s token through a federated credential', () => {
    const { value: token } = value('identityFederated');
    expect(claimsOf(token)).toMatchObject({ aud: server.fhirUrl, appid: fedAppId, appidacr: '2' });
  });
});
