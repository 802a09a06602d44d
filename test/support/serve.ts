/** `entrada serve` from source, for tests that need a real process (kill -9, cold start): node --import tsx. */
import 'reflect-metadata';
import { loadConfig } from '../../src/config.js';
import { main } from '../../src/main.js';

main(loadConfig(process.env)).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
