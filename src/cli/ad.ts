/** `entrada ad`: the directory, as az ad (applications, service principals, users and groups). */
import type { Command } from 'commander';
import { registerApp } from './ad-app.js';
import { registerGroup } from './ad-group.js';
import { registerServicePrincipal } from './ad-sp.js';
import { registerUser } from './ad-user.js';
import type { Runtime } from './runtime.js';

export function registerAd(program: Command, runtime: Runtime): void {
  const ad = program.command('ad').description('Manage Entrada directory objects: applications, service principals, users and groups.');
  registerApp(ad, runtime);
  registerServicePrincipal(ad, runtime);
  registerUser(ad, runtime);
  registerGroup(ad, runtime);
}
