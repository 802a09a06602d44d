/**
 * Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (which never
 * downloads a browser of its own), a fresh profile per launch, and TLS trust pinned to exactly the server's
 * certificate.
 *
 * Chromium does not read NODE_EXTRA_CA_CERTS and keeps its own trust store (NSS, under the profile), so the
 * development CA is not trusted by default. Rather than turn certificate checks off (ignoreHTTPSErrors), we pass
 * `--ignore-certificate-errors-spki-list` with the base64 SHA-256 of the server certificate's
 * SubjectPublicKeyInfo: Chromium then ignores the chain's "unknown issuer" error for that one key only, and still
 * rejects every other certificate (the smoke test checks both). The hash is read from the live server over a TLS
 * connection that itself verifies the chain against the development CA, so the pin is exactly what the server
 * presents. Chromium's switch documentation says the flag has no effect without --user-data-dir;
 * launchPersistentContext passes one (a fresh temp directory per launch).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.ENTRADA_CHROMIUM ?? '/usr/bin/chromium';

/** Generous: the machine has two cores and CI may run a server, Chromium and a client process on them at once. */
export const UI_TIMEOUT = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  // Nothing but loopback resolves: a test that would leave the machine fails at once instead of hanging, and the
  // machine's closed network never sees Chromium's background lookups.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
];

/** base64(SHA-256(SubjectPublicKeyInfo DER)) of the leaf certificate `url` serves, checked against `ca`. */
export function serverSpkiHash(url: string, ca: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port || 443), servername: hostname, ca, rejectUnauthorized: true }, () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (!cert) return reject(new Error(`no certificate from ${url}`));
      const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
      resolve(createHash('sha256').update(spki).digest('base64'));
    });
    socket.on('error', reject);
  });
}

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab with the default timeouts. */
  newPage(): Promise<Page>;
  /** Close Chromium and delete its profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile that trusts the server at `publicUrl` (pinned by its key, see above). */
export async function launchBrowser(server: { publicUrl: string; caPem: string }): Promise<TestBrowser> {
  const spki = await serverSpkiHash(server.publicUrl, server.caPem);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`],
      ignoreHTTPSErrors: false,
      locale: 'en-US',
      timeout: UI_TIMEOUT * 2,
    });
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  let closed = false;
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT);
      page.setDefaultNavigationTimeout(UI_TIMEOUT);
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

export interface SignInUser { username: string; password: string }

export interface DriveOptions {
  /** The account to sign in with when asked. */
  user?: SignInUser;
  /** Set when the password must be changed at this sign-in; `user.password` is then the current one. */
  newPassword?: string;
  /** Accept the consent page when shown (default true); 'organization' also ticks the admin's checkbox. */
  consent?: boolean | 'organization';
  /** On "Pick an account": the UPN to pick, or 'other' for "Use another account". */
  pick?: string | 'other';
  /** The end state: resolves once reached (e.g. a heading, a URL). Checked before each step. */
  until: Locator | ((page: Page) => Promise<boolean>);
  /** Called with the name of each page handled, in order, so tests can assert the path (e.g. no password prompt). */
  onStep?: (step: Step) => void;
}

export type Step = 'sign-in' | 'update-password' | 'pick-account' | 'consent' | 'device-confirm';

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, exact: typeof name === 'string' ? true : undefined });

/** The pages of the sign-in journey by their headings (exact names, so "Sign in" does not match "…sign in to…"). */
export function journeyPages(page: Page) {
  return {
    signIn: heading(page, 'Sign in'),
    updatePassword: heading(page, 'Update your password'),
    pickAccount: heading(page, 'Pick an account'),
    consent: heading(page, 'Permissions requested'),
    deviceConfirm: heading(page, /^Are you trying to sign in to .+\?$/),
    error: heading(page, "Sorry, but we're having trouble signing you in."),
  };
}

/**
 * Walk the server-rendered sign-in pages in whatever order the server shows them (sign in, forced password
 * change, pick an account, consent, device confirmation) until `until` holds. Fails fast on the error page, on a
 * page it was not told how to answer, and on a wrong password.
 */
export async function drive(page: Page, options: DriveOptions): Promise<Step[]> {
  const steps: Step[] = [];
  try {
    return await walk(page, options, steps);
  } catch (err) {
    // Say where the journey stopped: CI has no screen to look at.
    (err as Error).message += `\n  after steps [${steps.join(', ')}]\n${await describePage(page)}`;
    throw err;
  }
}

/** The page's URL and the start of its text, for error messages. */
export async function describePage(page: Page): Promise<string> {
  const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no text)');
  return `  at ${page.url()}:\n  ${text.slice(0, 1500).replace(/\n+/g, '\n  ')}`;
}

async function walk(page: Page, options: DriveOptions, steps: Step[]): Promise<Step[]> {
  const pages = journeyPages(page);
  const deadline = Date.now() + UI_TIMEOUT * 3;
  const reached = async () => (typeof options.until === 'function' ? options.until(page) : options.until.isVisible());
  const untilLocator = typeof options.until === 'function' ? undefined : options.until;
  const any = [pages.signIn, pages.updatePassword, pages.pickAccount, pages.consent, pages.deviceConfirm, pages.error]
    .reduce((a, b) => a.or(b));
  const waitable = untilLocator ? any.or(untilLocator) : any;
  const record = (step: Step) => {
    steps.push(step);
    options.onStep?.(step);
  };
  for (;;) {
    if (Date.now() > deadline) throw new Error('the sign-in journey did not finish');
    if (await reached()) return steps;
    if (untilLocator) {
      await waitable.first().waitFor({ state: 'visible' });
    } else {
      // A predicate end state (a URL, a caught redirect) cannot be part of the locator; poll both briefly.
      try {
        await any.first().waitFor({ state: 'visible', timeout: 500 });
      } catch {
        continue;
      }
    }
    if (await reached()) return steps;
    if (await pages.error.isVisible()) {
      throw new Error('the server showed its error page');
    }
    if (await pages.signIn.isVisible()) {
      if (!options.user) throw new Error(`asked to sign in at ${page.url()} but no user was given`);
      record('sign-in');
      await signIn(page, options.user);
    } else if (await pages.updatePassword.isVisible()) {
      if (!options.user || !options.newPassword) throw new Error('asked to update the password but no new password was given');
      record('update-password');
      await page.getByLabel('Current password', { exact: true }).fill(options.user.password);
      await page.getByLabel('New password', { exact: true }).fill(options.newPassword);
      await page.getByLabel('Confirm password', { exact: true }).fill(options.newPassword);
      await leave(page, pages.updatePassword, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    } else if (await pages.pickAccount.isVisible()) {
      if (!options.pick) throw new Error('asked to pick an account but no account was given');
      record('pick-account');
      const button = options.pick === 'other'
        ? page.getByRole('button', { name: 'Use another account', exact: true })
        : page.getByRole('button', { name: options.pick, exact: true });
      await leave(page, pages.pickAccount, () => button.click());
    } else if (await pages.consent.isVisible()) {
      if (options.consent === false) throw new Error('the consent page was shown but the test expected none');
      record('consent');
      if (options.consent === 'organization') await page.getByRole('checkbox', { name: 'Consent on behalf of your organization', exact: true }).check();
      await leave(page, pages.consent, () => page.getByRole('button', { name: 'Accept', exact: true }).click());
    } else if (await pages.deviceConfirm.isVisible()) {
      record('device-confirm');
      await leave(page, pages.deviceConfirm, () => page.getByRole('button', { name: 'Continue', exact: true }).click());
    }
  }
}

/** Fill and submit the sign-in page; throws if the server answers that the account or password is incorrect. */
export async function signIn(page: Page, user: SignInUser): Promise<void> {
  const email = page.getByRole('textbox', { name: 'Email address', exact: true });
  // A login_hint (or the account picker) may have filled the name already, or the page may show it read-only.
  if (await email.isEditable()) await email.fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await submit(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
  if (await page.getByText('Your account or password is incorrect.').isVisible()) {
    throw new Error(`sign-in refused for ${user.username}: "Your account or password is incorrect."`);
  }
}

/** Click, wait for the next page, and fail if the server showed the same page again with an error. */
async function leave(page: Page, title: Locator, act: () => Promise<void>): Promise<void> {
  await submit(page, act);
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  if (await title.isVisible() && await alert.count()) throw new Error(`stayed on the page: ${(await alert.allInnerTexts()).join(' ')}`);
}

/**
 * Do `act` (a click that submits a form) and wait until the browser has a new document: the server's answer,
 * or wherever its redirect led. Waiting on the navigation, not on page content, keeps an error shown by the
 * previous page from being mistaken for the answer.
 */
async function submit(page: Page, act: () => Promise<void>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await act();
  await navigated;
  await page.waitForLoadState('domcontentloaded');
}

export interface CaughtRedirects {
  /** Every navigation to the prefix so far: the URL, with a form_post body's fields added to its query. */
  readonly urls: URL[];
  /** The heading of the page the browser shows when the navigation could be answered in place. */
  readonly title: string;
  /** True once a navigation to the prefix was seen (the end state of a sign-in journey). */
  reached(): Promise<boolean>;
  /** The last caught redirect (fails if none). */
  last(): URL;
  /** page.goto, except that a navigation which ends at the (unreachable) redirect URI is not an error. */
  goto(url: string): Promise<void>;
}

/**
 * Catch every navigation to `prefix` (a redirect URI) as Postman catches its callback, so that it never reaches
 * the network. Every navigation request to it is recorded from the page's request events. When the navigation
 * starts there (a form submission, a form_post page), Playwright's request interception answers it with a small
 * page. A server's HTTP redirect to it is not offered to route handlers (Playwright intercepts only a request's
 * first URL), so that hop is seen but then fails inside Chromium: nothing resolves but localhost (see
 * CHROMIUM_ARGS) and nothing listens on the loopback ports the tests use. A form_post's fields are merged into
 * the URL's query so callers read `code` the same way.
 */
export async function catchRedirects(page: Page, prefix: string, title = 'Redirect caught by the test'): Promise<CaughtRedirects> {
  const urls: URL[] = [];
  page.on('request', (request) => {
    if (!request.isNavigationRequest() || !request.url().startsWith(prefix)) return;
    const url = new URL(request.url());
    if (request.method() === 'POST') {
      for (const [k, v] of new URLSearchParams(request.postData() ?? '')) url.searchParams.append(k, v);
    }
    urls.push(url);
  });
  await page.route((url) => url.href.startsWith(prefix), (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><title>caught</title><h1>${title}</h1>`,
  }));
  return {
    urls, title,
    reached: async () => urls.length > 0,
    last() {
      const url = urls.at(-1);
      if (!url) throw new Error(`no redirect to ${prefix} was caught`);
      return url;
    },
    async goto(url) {
      try {
        await page.goto(url);
      } catch (err) {
        if (!urls.length) throw err;
      }
    },
  };
}
