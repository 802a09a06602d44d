/** `entrada ad`: the directory, as az ad (applications and service principals). */
import type { Command } from 'commander';
import { registerApp } from './ad-app.js';
import { registerServicePrincipal } from './ad-sp.js';
import type { Runtime } from './runtime.js';

export function registerAd(program: Command, runtime: Runtime): void {
  const ad = program.command('ad').description('Manage Entrada directory objects: applications and service principals.');
  registerApp(ad, runtime);
  registerServicePrincipal(ad, runtime);
}
