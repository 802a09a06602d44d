/**
 * What the browser tests share: a real Entrada over HTTPS, the seed's public client app registered through Graph
 * as the README tells users to, a directory user, and real client libraries run in child processes that trust
 * the development CA through NODE_EXTRA_CA_CERTS and talk to the test through JSON lines on stdout/stdin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { httpsRequest, passwordToken, type HttpsResponse } from '../support/https.js';
import { ADMIN_PASSWORD, startTestServer } from '../support/server.js';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export const HEALTHCARE_APP_ID = '4f6778d8-5aef-43dc-a1ff-b073724b9495';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const POSTMAN_CALLBACK = 'https://www.getpostman.com/oauth2/callback';
export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

/** Generous per-test timeout for a browser journey plus a client process on a busy two-core machine. */
export const FLOW_TIMEOUT = 120_000;

export interface Seed {
  server: TestServer;
  tenantId: string;
  domain: string;
  fhirUrl: string;
  /** The delegated scope the seed asks for: `{fhirUrl}/user_impersonation`. */
  fhirScope: string;
  graph: Graph;
  healthcare: { spId: string; scopeId: string };
  user: E2eUser;
}

export interface E2eUser { id: string; username: string; password: string; displayName: string }

export interface Graph {
  call(method: string, path: string, body?: unknown): Promise<HttpsResponse>;
  /** As call(), but throws unless the status is 2xx; returns the JSON body. */
  ok<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Graph `/v1.0` over real HTTPS as the tenant's admin (a token from the CLI's client by ROPC). */
export async function adminGraph(server: TestServer): Promise<Graph> {
  const token = await passwordToken(server.publicUrl, server.first.tenant.id, server.first.adminUserPrincipalName, ADMIN_PASSWORD,
    `${GRAPH_RESOURCE}/.default`, server.caPem);
  const call: Graph['call'] = (method, p, body) => httpsRequest(`${server.publicUrl}/v1.0${p}`, {
    method, ca: server.caPem,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return {
    call,
    async ok(method, p, body) {
      const res = await call(method, p, body);
      if (res.status < 200 || res.status > 299) throw new Error(`Graph ${method} ${p} → ${res.status} ${res.text}`);
      return res.json;
    },
  };
}

/** A server, an admin Graph client, the Healthcare APIs principal's `user_impersonation` id, and one user. */
export async function seedServer(): Promise<Seed> {
  const server = await startTestServer();
  try {
    if (!server.fhirUrl) throw new Error('the test server deployed no FHIR service');
    const graph = await adminGraph(server);
    const tenantId = server.first.tenant.id;
    const domain = server.first.tenant.domains[0]!.name;
    const hcSp = await graph.ok('GET', `/servicePrincipals(appId='${HEALTHCARE_APP_ID}')`);
    const scope = (hcSp.oauth2PermissionScopes as Array<{ id: string; value: string }>).find((s) => s.value === 'user_impersonation');
    if (!scope) throw new Error(`Azure Healthcare APIs exposes no user_impersonation: ${JSON.stringify(hcSp.oauth2PermissionScopes)}`);
    const user = await createUser(graph, domain, 'e2e.user');
    return {
      server, tenantId, domain, fhirUrl: server.fhirUrl, fhirScope: `${server.fhirUrl}/user_impersonation`, graph,
      healthcare: { spId: hcSp.id, scopeId: scope.id }, user,
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/** A directory user through Graph, with a password that need not be changed unless `forceChange`. */
export async function createUser(graph: Graph, domain: string, nickname: string, options: { forceChange?: boolean } = {}): Promise<E2eUser> {
  const password = `E2e-${crypto.randomUUID().slice(0, 8)}-Pw1!`;
  const username = `${nickname}@${domain}`;
  const displayName = `E2E ${nickname}`;
  const created = await graph.ok('POST', '/users', {
    accountEnabled: true, displayName, mailNickname: nickname.replace(/[^A-Za-z0-9]/g, ''), userPrincipalName: username,
    passwordProfile: { password, forceChangePasswordNextSignIn: options.forceChange ?? false },
  });
  return { id: created.id, username, password, displayName };
}

export interface SeedApp { appId: string; objectId: string; spId: string; displayName: string }

/**
 * The seed's app: a public client ("Allow public client flows" on) with `http://localhost` and Postman's callback
 * under Mobile and desktop, asking for Azure Healthcare APIs `user_impersonation`, with its service principal.
 */
export async function createSeedApp(seed: Seed, options: { displayName?: string; redirectUris?: string[] } = {}): Promise<SeedApp> {
  const displayName = options.displayName ?? 'Entrada e2e public client';
  const app = await seed.graph.ok('POST', '/applications', {
    displayName,
    signInAudience: 'AzureADMyOrg',
    isFallbackPublicClient: true,
    publicClient: { redirectUris: options.redirectUris ?? ['http://localhost', POSTMAN_CALLBACK] },
    requiredResourceAccess: [{ resourceAppId: HEALTHCARE_APP_ID, resourceAccess: [{ id: seed.healthcare.scopeId, type: 'Scope' }] }],
  });
  const sp = await seed.graph.ok('POST', '/servicePrincipals', { appId: app.appId });
  return { appId: app.appId, objectId: app.id, spId: sp.id, displayName };
}

/** Admin consent for the whole tenant, as `az ad app permission admin-consent` records it. */
export async function adminConsent(seed: Seed, app: SeedApp, scope = 'user_impersonation'): Promise<void> {
  await seed.graph.ok('POST', '/oauth2PermissionGrants', {
    clientId: app.spId, consentType: 'AllPrincipals', resourceId: seed.healthcare.spId, scope,
  });
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

/** The claims every delegated FHIR token of the seed must carry. */
export function expectedFhirClaims(seed: Seed, appId: string): Record<string, unknown> {
  return { aud: seed.fhirUrl, scp: 'user_impersonation', oid: seed.user.id, tid: seed.tenantId, appid: appId };
}

export interface ClientEvent { event: string; [key: string]: any }

/**
 * A real client library in a child process (a script in test/fixtures), trusting the development CA as users
 * are told to. It writes one JSON object per line on stdout ({event: ...}); the test waits for events and may
 * answer on stdin.
 */
export class ClientProcess {
  readonly child: ChildProcess;
  private readonly events: ClientEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private stderr = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(script: string, input: unknown, server: TestServer) {
    this.child = spawn(process.execPath, [path.join(FIXTURES, script)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: server.caCertPath!, E2E_INPUT: JSON.stringify(input) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as ClientEvent);
      } catch {
        this.stderr += `[stdout] ${line}\n`;
      }
      this.wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The first event named `name` (an 'error' event or an exit before it fails the wait). */
  async next(name: string, timeout = FLOW_TIMEOUT): Promise<ClientEvent> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.events.find((e) => e.event === name);
      if (found) return found;
      const failed = this.events.find((e) => e.event === 'error');
      if (failed) throw new Error(`client failed before '${name}': ${JSON.stringify(failed.error)}\n${this.stderr}`);
      if (this.exit) throw new Error(`client exited (${this.exit.code ?? this.exit.signal}) before '${name}'\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${name}' from the client in ${timeout} ms; events ${JSON.stringify(this.events)}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Wait for the client to exit; its events, and its error event if it failed. */
  async finish(timeout = FLOW_TIMEOUT): Promise<{ events: ClientEvent[]; error?: Record<string, any>; get(name: string): ClientEvent }> {
    const deadline = Date.now() + timeout;
    while (!this.exit) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the client did not exit in ${timeout} ms; events ${JSON.stringify(this.events)}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const events = [...this.events];
    const stderr = this.stderr;
    return {
      events,
      error: events.find((e) => e.event === 'error')?.error,
      get(name) {
        const found = events.find((e) => e.event === name);
        if (!found) throw new Error(`no '${name}' from the client; events ${JSON.stringify(events)}\n${stderr}`);
        return found;
      },
    };
  }

  /** Send one JSON line to the client's stdin. */
  send(message: unknown): void {
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  /** Stop the child if it still runs. */
  kill(): void {
    if (!this.exit && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** A PKCE pair (RFC 7636, S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The v2 authorize URL of the seed's tenant with these parameters (response_type code unless given). */
export function authorizeUrl(seed: Seed, params: Record<string, string | undefined>): string {
  const url = new URL(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams(Object.entries({ response_type: 'code', ...params })
    .filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return url.href;
}

/** A plain form POST to the v2 token endpoint, as Postman or curl sends it. */
export function tokenRequest(seed: Seed, params: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpsResponse> {
  return httpsRequest(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/token`, {
    method: 'POST', ca: seed.server.caPem, body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}
