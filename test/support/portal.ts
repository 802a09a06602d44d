/**
 * The browser tests drive the built portal (dist/portal). Build it once when it is missing or older than its
 * sources, so `vitest run --project browser` works on a fresh checkout and after portal edits.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { drive, launchBrowser, type TestBrowser } from './browser.js';
import { ADMIN_PASSWORD } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCES = path.join(ROOT, 'src', 'portal');
const BUILT = path.join(ROOT, 'dist', 'portal', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Run `vite build` for the portal unless dist/portal is newer than every file in src/portal. The build goes to a
 * temporary folder that then replaces dist/portal, so a server already serving the old build never sees half a new one.
 */
export function ensurePortalBuilt(): void {
  if (fs.existsSync(BUILT) && fs.statSync(BUILT).mtimeMs >= newestSource(SOURCES)) return;
  const dist = path.dirname(BUILT);
  const fresh = `${dist}.build-${process.pid}`;
  const old = `${dist}.old-${process.pid}`;
  execFileSync(process.execPath, [
    path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(SOURCES, 'vite.config.ts'), '--outDir', fresh,
  ], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(fresh, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Where a browser test saves the screenshots of its steps (CI keeps test-results/ as an artifact). */
export function screenshotDir(name: string): string {
  const dir = path.join(ROOT, 'test-results', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Numbered screenshots of a test's steps (`01-home.png`, …) in test-results/{name}/, emptied when made.
 * `page` is read at each shot, since tests open their page in beforeAll.
 */
export function stepShots(name: string, page: () => Page): (step: string) => Promise<void> {
  const dir = screenshotDir(name);
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  let step = 0;
  return async (label) => {
    step += 1;
    await page().screenshot({ path: path.join(dir, `${String(step).padStart(2, '0')}-${label}.png`), animations: 'disabled' });
  };
}

/** A browser on the server's portal at 1280×800, signed in as the admin and on Home. */
export async function signedInPortal(server: { publicUrl: string; caPem: string; first: { adminUserPrincipalName: string } }): Promise<{ browser: TestBrowser; page: Page }> {
  const browser = await launchBrowser(server);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.publicUrl}/portal/`);
  await drive(page, {
    user: { username: server.first.adminUserPrincipalName, password: ADMIN_PASSWORD },
    until: page.getByRole('heading', { name: 'Welcome to Entrada' }),
  });
  return { browser, page };
}
