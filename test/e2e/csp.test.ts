import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, hasChromium, launchBrowser, openApp, type RunningServer, startServer } from './harness.js';

/**
 * The app under the server's real Content Security Policy (issue 12): MapLibre's blob: worker tiles the zones,
 * the live session streams over the websocket, and the browser reports no violation. Nothing here evaluates
 * script in the page (the CSP forbids it): only DOM signals and locators.
 */
describe.skipIf(!hasChromium)('the client under its Content Security Policy', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(await buildClient());
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the map, streams the live session and breaks no directive', async () => {
    const violations: string[] = [];
    const { page, errors, external } = await openApp(browser, server, 'live', '', { enforceCsp: true });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    // every source loaded and drawn: the tile worker (a blob: URL) ran
    await page.locator('body[data-idle="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.locator('body[data-conn="connected"]').waitFor({ state: 'attached', timeout: 30_000 });
    // findings of the default scenario arrive over the websocket
    await page.locator('[data-testid="feed"] li').first().waitFor({ timeout: 60_000 });
    expect(Number(await page.locator('body').getAttribute('data-zones'))).toBeGreaterThan(20);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.context().close();
  }, 180_000);
});
