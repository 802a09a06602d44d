/**
 * The portal's host: /portal redirects to /portal/, deep links get index.html (never cached, strict CSP), hashed
 * assets are cached for a year, config.json tells the bundle where everything is, and without a build the answer
 * is a 503 page that says how to build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP, portalHost } from '../src/portal-host.js';
import { buildTestApp, type TestApp } from './support/server.js';

describe('portal host', () => {
  let t: TestApp;
  let root: string;
  let app: ReturnType<typeof Fastify>;

  beforeAll(async () => {
    t = await buildTestApp();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-portal-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Entrada portal</title><div id="root"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log("portal")');
    app = Fastify();
    await app.register(portalHost({ config: t.config, directory: t.directory, publicUrl: () => t.publicUrl }, root));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('redirects /portal to /portal/', async () => {
    const res = await app.inject({ url: '/portal' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/portal/');
  });

  it('answers index.html for the root and for deep links, uncached, with a CSP of self only', async () => {
    for (const url of ['/portal/', '/portal/apps/5a1b/credentials', '/portal/entra/app-registrations?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
    }
    expect(PORTAL_CSP).toContain("script-src 'self'");
    expect(PORTAL_CSP).toContain("connect-src 'self'");
    expect(PORTAL_CSP).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves hashed assets with a long, immutable cache, and 404 for a missing one', async () => {
    const res = await app.inject({ url: '/portal/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log("portal")');
    expect((await app.inject({ url: '/portal/assets/nope.js' })).statusCode).toBe(404);
  });

  it('tells the bundle its client, authority, tenant and API base URLs', async () => {
    const res = await app.inject({ url: '/portal/config.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      clientId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      authority: `${t.publicUrl}/${t.tenantId}`,
      tenantId: t.tenantId,
      graphBaseUrl: `${t.publicUrl}/v1.0`,
      managementBaseUrl: `${t.publicUrl}/management`,
    });
  });

  it('is mounted in the app, and says how to build when there is no build', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-portal-empty-'));
    const bare = Fastify();
    try {
      await bare.register(portalHost({ config: t.config, directory: t.directory, publicUrl: () => t.publicUrl }, empty));
      const res = await bare.inject({ url: '/portal/apps' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
      expect((await bare.inject({ url: '/portal/config.json' })).statusCode).toBe(200);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
    // The real app mounts the host too (built or not, /portal/config.json answers).
    expect((await t.app.inject({ url: '/portal/config.json' })).json().tenantId).toBe(t.tenantId);
  });
});
