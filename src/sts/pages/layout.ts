/**
 * The shell every sign-in page shares, and the headers that keep it from being framed, cached or scripted: no
 * inline script runs unless its hash is in the Content-Security-Policy, and forms may only post to this server
 * and to the redirect targets of the request being served (a browser applies `form-action` to the redirect
 * that follows a form post, so the client's redirect URI must be listed or the final redirect is blocked).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { html, SafeHtml } from './html.js';

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0;background:#f2f2f2;color:#1b1b1b}
main{max-width:26rem;margin:3rem auto;padding:2rem 2.5rem;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 1rem}
label{display:block;margin:1rem 0 .25rem}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #666}
input:focus,button:focus{outline:3px solid #0067b8;outline-offset:2px}
.actions{display:flex;gap:.5rem;justify-content:flex-end;margin-top:1.5rem;flex-wrap:wrap}
button{padding:.5rem 1.5rem;font-size:1rem;border:1px solid #0067b8;background:#0067b8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1b1b1b;border-color:#666}
.account{display:block;width:100%;text-align:left;margin:.25rem 0;background:#fff;color:#1b1b1b;border-color:#ccc}
.error{color:#a80000;min-height:1.25rem}
.details{font-size:.85rem;color:#444;word-break:break-word}
.check{display:flex;gap:.5rem;align-items:center}
.check label{margin:0}
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}main{background:#2b2b2b}.account,button.secondary{background:#2b2b2b;color:#eee}.details{color:#bbb}.error{color:#ff8c8c}}
`;

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

const STYLE_HASH = cspHash(STYLE);

export interface Page {
  title: string;
  main: SafeHtml;
  /** Where this page's forms may post besides this server (the request's redirect URI). */
  formTargets?: readonly string[];
  /** A fixed inline script (allowed by its hash). */
  script?: string;
  status?: number;
}

/** The CSP source expression for a redirect URI: its origin for http(s), its scheme for custom schemes. */
export function formActionSource(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  // Schemes that run code or carry content in the URL itself are never a place to post to.
  if (/^(javascript|data|vbscript|blob|filesystem):$/i.test(url.protocol)) return undefined;
  const source = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  // A source list is split on spaces and semicolons: never let a URI add a directive.
  return /^[a-z][a-z0-9+.-]*:(\/\/[A-Za-z0-9.\-[\]:]+)?$/i.test(source) ? source : undefined;
}

function contentSecurityPolicy(page: Pick<Page, 'formTargets' | 'script'>): string {
  const targets = (page.formTargets ?? []).map(formActionSource).filter((s): s is string => s !== undefined);
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `script-src ${page.script ? cspHash(page.script) : "'none'"}`,
    "img-src 'self' data:",
    `form-action 'self' ${[...new Set(targets)].join(' ')}`.trimEnd(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headers of every page: not framed, not cached, not sniffed, no referrer (URLs here carry hints and state). */
export function pageHeaders(page: Pick<Page, 'formTargets' | 'script'>): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    'x-frame-options': 'DENY',
    'content-security-policy': contentSecurityPolicy(page),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** The stylesheet and any script are constants of this code (never request data), so they go in unescaped. */
export function renderPage(page: Page): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main>
${page.main}
</main>
${page.script ? html`<script>${new SafeHtml(page.script)}</script>` : ''}
</body>
</html>
`.value;
}

/** Send a page with its security headers. */
export function sendPage(reply: FastifyReply, page: Page): FastifyReply {
  return reply.code(page.status ?? 200).headers(pageHeaders(page)).send(renderPage(page));
}
