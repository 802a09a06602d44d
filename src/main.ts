/** Process entry for `entrada serve`: start, print the ready line, and shut down cleanly on SIGTERM/SIGINT. */
import type { Config } from './config.js';
import { readyLine, startServer } from './server.js';

export async function main(config: Config): Promise<void> {
  const started = Date.now();
  const server = await startServer(config);
  if (server.first.generatedAdminPassword) {
    process.stdout.write(`Admin user ${server.first.adminUserPrincipalName} created with password: ${server.first.generatedAdminPassword}\n`
      + 'It is shown only this once; set ENTRADA_ADMIN_PASSWORD to choose it yourself.\n');
  }
  if (server.caCertPath) process.stdout.write(`Trust the development CA with NODE_EXTRA_CA_CERTS=${server.caCertPath}\n`);
  process.stdout.write(`${readyLine(server)} in ${Date.now() - started} ms\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    // app.close() lets in-flight requests finish; every acknowledged write is already committed.
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
