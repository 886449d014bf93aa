import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  screenshot,
  startServer,
  waitRendered,
} from './harness.js';

describe.skipIf(!hasChromium)('error states: server down, online basemap offline', () => {
  let server: RunningServer;
  let browser: Browser;
  let clientDir: string;

  beforeAll(async () => {
    clientDir = await buildClient();
    server = await startServer(clientDir);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the online basemap fails gracefully without internet: back to the offline outline, with a message', async () => {
    const { page, external } = await openApp(browser, server, 'plan');
    await waitRendered(page, ['zones-fill'], 1);
    await page.selectOption('#basemap-select', 'hkgov');
    const toast = page.locator('.toast-error');
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toMatch(/offline outline/);
    expect(await page.inputValue('#basemap-select')).toBe('offline');
    expect(external.some((u) => u.includes('mapapi.geodata.gov.hk'))).toBe(true);
    expect(await page.evaluate(`!!window.__sua.map.getSource('hkgov-base')`)).toBe(false);
    await waitRendered(page, ['land-fill'], 1);
    await screenshot(page, '60-basemap-offline');
    await page.context().close();
  }, 120_000);

  it('shows the reconnect indicator when the server stops and recovers when it is back', async () => {
    const { page } = await openApp(browser, server, 'live');
    await page.waitForFunction('document.body.dataset.conn === "connected"', undefined, { timeout: 30_000 });
    await page.locator('[data-counter=aircraft]').waitFor();
    const port = server.port;
    const dataDir = server.dataDir;
    await server.stop(true);
    await page.waitForFunction('document.body.dataset.conn === "reconnecting"', undefined, { timeout: 30_000 });
    expect(await page.locator('#conn').textContent()).toBe('Reconnecting…');
    await screenshot(page, '61-reconnecting');
    server = await startServer(clientDir, { port, dataDir });
    await page.waitForFunction('document.body.dataset.conn === "connected"', undefined, { timeout: 60_000 });
    // the live view finds the restarted server's session again
    await page.waitForFunction(`Number(document.querySelector('[data-counter=aircraft]').textContent) > 0`, undefined, {
      timeout: 60_000,
    });
    await page.context().close();
  }, 240_000);
});
