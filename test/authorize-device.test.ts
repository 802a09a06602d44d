/**
 * The device-code verification page, /devicelogin: enter the code, sign in (or use the session), confirm the app,
 * consent when needed; the device code is then approved (or declined) for the token poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept, authorizePath, createApp, createUser, newBrowser, signIn, type TestWebApp } from './support/authorize.js';
import { pageOf, redirectOf, type BrowserLess } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';

const BAD_CODE = "That code didn't work. Check the code and try again.";

describe('/devicelogin', () => {
  let t: TestApp;
  let app: TestWebApp;
  let userId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    app = await createApp(t, { displayName: 'Device app', isFallbackPublicClient: true });
    userId = (await createUser(t, 'dev')).id;
  });
  afterAll(async () => t?.close());

  const newCode = (scope = 'User.Read openid profile offline_access') => t.directory.deviceCodes.create({
    tenantId: t.tenantId, tenantSegment: t.tenantId, version: 2, clientId: app.appId, scope,
  });
  const enter = async (browser: BrowserLess, code: string) => {
    const page = pageOf(await browser.open('/devicelogin'));
    expect(page.heading).toBe('Enter code');
    return browser.submit(page, { fill: { Code: code }, press: 'Next' });
  };

  it('refuses a wrong code with the same words, and an expired or used one', async () => {
    const browser = newBrowser(t);
    const wrong = pageOf(await enter(browser, 'NOTACODE1'));
    expect(wrong.heading).toBe('Enter code');
    expect(wrong.text).toContain(BAD_CODE);
    const { userCode } = await newCode();
    await t.directory.deviceCodes.decline(userCode);
    expect(pageOf(await enter(browser, userCode)).text).toContain(BAD_CODE);
  });

  it('signs in, confirms the app, asks consent, and approves the code', async () => {
    const { userCode, deviceCode } = await newCode();
    const browser = newBrowser(t);
    // Codes are typed as shown, in any case, with a dash or spaces.
    const typed = `${userCode.slice(0, 4).toLowerCase()}-${userCode.slice(4)}`;
    const confirm = pageOf(await signIn(browser, await enter(browser, typed), `dev@${t.domain}`));
    expect(confirm.heading).toBe('Are you trying to sign in to Device app?');
    expect(confirm.forms[0]!.buttons.map((b) => b.text)).toEqual(['Continue', 'Cancel']);
    const consent = pageOf(await browser.submit(confirm, { press: 'Continue' }));
    const done = pageOf(await accept(browser, consent));
    expect(done.heading).toBe("You're signed in");
    expect(done.text).toContain('You have signed in to the Device app application on your device. You may now close this window.');
    const poll = await t.directory.deviceCodes.poll(deviceCode);
    expect(poll.status).toBe('approved');
    expect(poll.status === 'approved' && poll.record).toMatchObject({ userId });
    // The same code cannot be used twice.
    expect(pageOf(await enter(browser, userCode)).text).toContain(BAD_CODE);
  });

  it('uses the browser\'s session (no sign-in) and skips consent already given; Cancel declines', async () => {
    const browser = newBrowser(t);
    // Signed in to the app in this browser (consent was given in the test before).
    redirectOf(await signIn(browser, await browser.open(authorizePath(t.tenantId, {
      client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope: 'User.Read openid',
    })), `dev@${t.domain}`));
    const first = await newCode('User.Read openid');
    const confirm = pageOf(await enter(browser, first.userCode));
    expect(confirm.heading).toBe('Are you trying to sign in to Device app?');
    expect(pageOf(await browser.submit(confirm, { press: 'Continue' })).heading).toBe("You're signed in");
    const second = await newCode('User.Read openid');
    const cancelled = pageOf(await browser.submit(pageOf(await enter(browser, second.userCode)), { press: 'Cancel' }));
    expect(cancelled.heading).toBe('Sign-in cancelled');
    expect((await t.directory.deviceCodes.poll(second.deviceCode)).status).toBe('declined');
  });

  it('protects the code form against forgery', async () => {
    const { userCode } = await newCode();
    const browser = newBrowser(t);
    const page = pageOf(await browser.open('/devicelogin'));
    const forged = await browser.submit(page, { fill: { Code: userCode }, press: 'Next', tamper: (f) => f.filter(([k]) => k !== 'flowToken') });
    expect(pageOf(forged).text).toContain('AADSTS90023');
  });
});
