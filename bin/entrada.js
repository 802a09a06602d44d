#!/usr/bin/env node
import 'reflect-metadata';
import { run } from '../dist/cli/index.js';

run(process.argv).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
