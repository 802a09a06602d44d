/** Test harness: a whole Entrada in a temp data dir, either in-process (inject) or listening on port 0 over HTTPS. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { build } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { bootstrap, type BootstrapResult } from '../../src/directory/bootstrap.js';
import { Directory } from '../../src/directory/directory.js';
import { fhirServiceUrl } from '../../src/directory/fhir-urls.js';
import type { Clock } from '../../src/lib/clock.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { Store } from '../../src/store/store.js';

export const ADMIN_PASSWORD = 'Entrada-Test-Passw0rd!';
export const TEST_PUBLIC_URL = 'https://localhost:8443';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-test-'));
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { dataDir: tempDir(), port: 0, logLevel: 'silent', adminPassword: ADMIN_PASSWORD, ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  directory: Directory;
  store: Store;
  first: BootstrapResult;
  tenantId: string;
  domain: string;
  publicUrl: string;
  fhirUrl: string;
  config: Config;
  close(): Promise<void>;
}

/** An Entrada built in-process for app.inject(); nothing listens. */
export async function buildTestApp(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const publicUrl = config.publicUrl ?? TEST_PUBLIC_URL;
  const directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 7), publicUrl: () => publicUrl, clock: options.clock });
  const first = await bootstrap(directory, config);
  const app = await build({ config, directory, publicUrl: () => publicUrl });
  await app.ready();
  return {
    app, directory, store, first, config, publicUrl, tenantId: first.tenant.id, domain: first.tenant.domains[0]!.name,
    fhirUrl: fhirServiceUrl(publicUrl, 'local', 'fhir'),
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A whole Entrada listening on an ephemeral HTTPS port with its development CA. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer & { config: Config; caPem: string }> {
  const config = testConfig(overrides);
  const server = await startServer(config);
  return {
    ...server, config, caPem: fs.readFileSync(server.caCertPath!, 'utf8'),
    async close() {
      await server.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
