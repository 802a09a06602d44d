/** Starting and stopping a whole Entrada: store, directory, first start, TLS, listen. Used by main and by tests. */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { build } from './app.js';
import { publicUrlFor, type Config } from './config.js';
import { bootstrap, type BootstrapResult } from './directory/bootstrap.js';
import { Directory } from './directory/directory.js';
import { fhirServiceUrl } from './directory/fhir-urls.js';
import { loadEncryptionKey } from './directory/signing-keys.js';
import type { Clock } from './lib/clock.js';
import { loadTls } from './lib/tls.js';
import { Store } from './store/store.js';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  directory: Directory;
  first: BootstrapResult;
  publicUrl: string;
  port: number;
  /** The FHIR service deployed at first start, if any. */
  fhirUrl?: string;
  caCertPath?: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { clock?: Clock } = {}): Promise<RunningServer> {
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let publicUrl = publicUrlFor(config, config.port);
  try {
    const directory = new Directory({
      store, encryptionKey: loadEncryptionKey(config.dataDir, config.key), publicUrl: () => publicUrl, clock: options.clock,
    });
    const first = await bootstrap(directory, config);
    const tls = await loadTls({ dataDir: config.dataDir, tlsCert: config.tlsCert, tlsKey: config.tlsKey });
    const app = await build({ config, directory, publicUrl: () => publicUrl, https: { cert: tls.certPem, key: tls.keyPem } });
    await app.listen({ port: config.port, host: config.listen });
    const port = (app.server.address() as AddressInfo).port;
    publicUrl = publicUrlFor(config, port);
    const fhirUrl = first.fhirService ? fhirServiceUrl(publicUrl, first.fhirService.workspace, first.fhirService.name) : undefined;
    return {
      app, store, directory, first, publicUrl, port, fhirUrl, caCertPath: tls.caCertPath,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The one line that says Entrada is up: public URL, tenant id and FHIR service URL. */
export function readyLine(server: RunningServer): string {
  return `Entrada ready at ${server.publicUrl} tenant ${server.first.tenant.id}`
    + ` (${server.first.tenant.domains[0]?.name}) fhir ${server.fhirUrl ?? 'none'}`;
}
