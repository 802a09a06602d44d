/**
 * The browser setup on its own: Debian's Chromium starts headless, trusts exactly the server's certificate
 * (pinned by its key, not by turning checks off) and loads a page over HTTPS. Kept independent of the sign-in
 * pages so CI proves the harness even while the flows change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serverSpkiHash, type TestBrowser } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

describe('Chromium harness', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads /health over HTTPS with the server certificate pinned', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.publicUrl}/health`);
    expect(response?.status()).toBe(200);
    expect(response?.url()).toBe(`${server.publicUrl}/health`);
    const security = await response!.securityDetails();
    expect(security?.subjectName).toBe('localhost');
    expect(security?.protocol).toMatch(/^TLS 1\.[23]$/);
    expect((await page.locator('body').innerText()).length).toBeGreaterThan(0);
  });

  it('still refuses a certificate it was not pinned to', async () => {
    // A second server has its own development CA and key: the pin must not cover it.
    const other = await startTestServer();
    try {
      expect(await serverSpkiHash(other.publicUrl, other.caPem)).not.toBe(await serverSpkiHash(server.publicUrl, server.caPem));
      const page = await browser.newPage();
      await expect(page.goto(`${other.publicUrl}/health`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
      await page.close();
    } finally {
      await other.close();
    }
  });

  it('reaches nothing outside this machine', async () => {
    const page = await browser.newPage();
    await expect(page.goto('https://www.getpostman.com/oauth2/callback')).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    await page.close();
  });
});
