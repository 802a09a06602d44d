/** Helpers for tests of the authorize endpoint and its pages: apps, users, URLs, and signing in with BrowserLess. */
import { expect } from 'vitest';
import { BrowserLess, pageOf, type HtmlPage, type Visit } from './browser-less.js';
import type { TestApp } from './server.js';

export const USER_PASSWORD = 'Sign-In-Test-Passw0rd!';

export interface TestWebApp { appId: string; objectId: string; spId?: string }

/** An app registration (a public client by default: redirect URIs under "Mobile and desktop"), with its service principal. */
export async function createApp(t: TestApp, input: Record<string, unknown> = {}, options: { tenantId?: string; withSp?: boolean } = {}): Promise<TestWebApp> {
  const tenantId = options.tenantId ?? t.tenantId;
  const app = await t.directory.applications.create(tenantId, {
    displayName: 'authorize test app', publicClient: { redirectUris: ['http://localhost/callback'] }, ...input,
  });
  const sp = options.withSp === false ? undefined : await t.directory.servicePrincipals.create(tenantId, { appId: app.appId });
  return { appId: app.appId, objectId: app.id, spId: sp?.id };
}

/** A directory user with USER_PASSWORD. */
export async function createUser(t: TestApp, name: string, options: { tenantId?: string; domain?: string; forceChange?: boolean; enabled?: boolean } = {}) {
  return t.directory.users.create(options.tenantId ?? t.tenantId, {
    userPrincipalName: `${name}@${options.domain ?? t.domain}`, displayName: name, password: USER_PASSWORD,
    forceChangePasswordNextSignIn: options.forceChange ?? false, accountEnabled: options.enabled ?? true,
  });
}

/** `/{tenant}/oauth2/v2.0/authorize?…` (or v1). */
export function authorizePath(tenant: string, params: Record<string, string>, version: 1 | 2 = 2): string {
  return `/${tenant}/oauth2/${version === 2 ? 'v2.0/' : ''}authorize?${new URLSearchParams(params).toString()}`;
}

/** Answer the sign-in page (the visit must be on it). */
export async function signIn(browser: BrowserLess, visit: Visit, upn: string, password = USER_PASSWORD): Promise<Visit> {
  const page = pageOf(visit);
  expect(page.heading).toBe('Sign in');
  return browser.submit(page, { fill: { 'Email address': upn, Password: password }, press: 'Sign in' });
}

/** Accept the consent page (the visit must be on it). */
export async function accept(browser: BrowserLess, on: Visit | HtmlPage, options: { forOrganization?: boolean } = {}): Promise<Visit> {
  const page = 'heading' in on ? on : pageOf(on);
  expect(page.heading).toBe('Permissions requested');
  return browser.submit(page, { press: 'Accept', check: options.forOrganization ? ['Consent on behalf of your organization'] : [] });
}

export function newBrowser(t: TestApp, headers: Record<string, string> = {}): BrowserLess {
  return new BrowserLess(t.app, t.publicUrl, headers);
}
