/**
 * Serves the web portal (src/portal, built by Vite into dist/portal) at /portal/: hashed assets with a long cache,
 * index.html (never cached) for every other path below /portal/ so deep links work, the runtime config the bundle
 * reads instead of baking URLs in, and a strict CSP. Without a build it answers a 503 page that says how to make one.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { PORTAL_APP_ID } from './directory/first-party.js';
import type { Services } from './services.js';

/** Where `npm run build` puts the portal: dist/portal beside src/ and dist/ alike. */
export const PORTAL_DIST = path.resolve(import.meta.dirname, '..', 'dist', 'portal');

/**
 * Only this origin, for everything. Styles also allow 'unsafe-inline': Fluent UI's CSS-in-JS engine (Griffel)
 * writes its rules into <style> elements at run time and components set style attributes (the browser test checks
 * that nothing else is refused). Scripts stay strictly 'self'.
 */
export const PORTAL_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "frame-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

/** What the bundle needs to know about this server; see config.json below. */
export interface PortalConfig {
  clientId: string;
  authority: string;
  tenantId: string;
  graphBaseUrl: string;
  managementBaseUrl: string;
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entrada portal not built</title></head>
<body style="font-family:system-ui,sans-serif;margin:3rem;max-width:40rem"><h1>The portal has not been built</h1>
<p>This server found no <code>dist/portal</code>. Run <code>npm run build</code> (or <code>npm install</code>, which runs it)
in the Entrada folder, then reload this page.</p><p>The APIs under <code>/v1.0</code> and the sign-in endpoints work without it.</p></body></html>`;

export function portalHost(services: Services, root: string = PORTAL_DIST) {
  return async (app: FastifyInstance): Promise<void> => {
    const built = fs.existsSync(path.join(root, 'index.html'));

    app.get('/portal', async (_request, reply) => reply.redirect('/portal/', 301));

    app.get('/portal/config.json', async (_request, reply) => {
      const base = services.publicUrl().replace(/\/+$/, '');
      const tenant = (await services.directory.tenants.list())[0];
      if (!tenant) return reply.code(503).header('cache-control', 'no-store').send({ error: 'no_tenant', error_description: 'The server has no tenant yet.' });
      const config: PortalConfig = {
        clientId: PORTAL_APP_ID,
        authority: `${base}/${tenant.id}`,
        tenantId: tenant.id,
        graphBaseUrl: `${base}/v1.0`,
        managementBaseUrl: `${base}/management`,
      };
      return reply.header('cache-control', 'no-store').send(config);
    });

    if (built) {
      await app.register(async (assets) => {
        await assets.register(fastifyStatic, {
          root: path.join(root, 'assets'),
          prefix: '/portal/assets/',
          decorateReply: false,
          index: false,
          maxAge: '365d',
          immutable: true,
          setHeaders: (res) => res.setHeader('content-security-policy', PORTAL_CSP),
        });
      });
    }

    const page = async (_request: unknown, reply: FastifyReply) => {
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      if (!fs.existsSync(path.join(root, 'index.html'))) {
        return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      }
      const html = await fs.promises.readFile(path.join(root, 'index.html'), 'utf8');
      return reply.header('content-security-policy', PORTAL_CSP).header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8').send(html);
    };
    app.get('/portal/', page);
    app.get('/portal/*', page);
  };
}
