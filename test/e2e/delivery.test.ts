import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  screenshot,
  startServer,
} from './harness.js';

/**
 * Issue 14 item 8 in a real browser against the real server: offline place names over the territory, in the
 * chosen language; toasts kept inside the viewport (the failed online basemap, offline here, at desktop and
 * phone widths); the bundle arriving compressed, MapLibre in its own chunk.
 */
async function placeLabels(page: Page): Promise<string[]> {
  await page.waitForFunction('document.querySelectorAll(".place-label").length > 5', undefined, { timeout: 30_000 });
  const texts = await page.evaluate('[...document.querySelectorAll(".place-label")].map((e) => e.textContent)');
  return Array.isArray(texts) ? texts.map(String) : [];
}

async function failedBasemapToast(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  await page.locator('#basemap-select').selectOption('hkgov');
  const toast = page.locator('.toast-error').first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  const box = await toast.boundingBox();
  if (!box) throw new Error('the toast has no box');
  return box;
}

describe.skipIf(!hasChromium)('map and delivery', () => {
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

  it('names Hong Kong’s districts and the scenario sites over the whole territory, in either language', async () => {
    const { page, errors } = await openApp(browser, server);
    // the live view opens on its scenario; the whole territory is what a newcomer zooms out to
    await page.evaluate('window.__sua.map.jumpTo({ center: [114.12, 22.36], zoom: 10 })');
    await page.waitForFunction(
      '[...document.querySelectorAll(".place-label")].some((e) => e.textContent === "Sha Tin")',
    );
    const en = await placeLabels(page);
    expect(en).toEqual(expect.arrayContaining(['Hong Kong International Airport', 'Sha Tin']));
    expect(en.length).toBeGreaterThanOrEqual(8);
    // no two labels overlap
    const boxes = await page.evaluate(
      '[...document.querySelectorAll(".place-label")].map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })',
    );
    const list = (Array.isArray(boxes) ? boxes : []) as number[][];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        const overlap = a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1;
        expect(overlap, `${en[i]} / ${en[j]}`).toBe(false);
      }
    await screenshot(page, 'delivery-place-labels');
    await page.locator('#lang-toggle').click();
    await page.waitForFunction(
      '[...document.querySelectorAll(".place-label")].some((e) => e.textContent === "沙田區")',
    );
    const zh = await placeLabels(page);
    expect(zh.every((s) => /^[\u3400-\u9fff]+$/.test(s))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('keeps a long error toast inside the viewport at desktop and phone widths', async () => {
    for (const viewport of [
      { width: 1400, height: 860 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await openApp(browser, server);
      await page.setViewportSize(viewport);
      const box = await failedBasemapToast(page);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `delivery-toast-${viewport.width}`);
      await page.context().close();
    }
  }, 180_000);

  it('loads the bundle compressed, with MapLibre as its own script', async () => {
    const { page } = await openApp(browser, server);
    const scripts = await page.evaluate(
      'performance.getEntriesByType("resource").filter((e) => /\\/assets\\/.*\\.m?js$/.test(e.name)).map((e) => [e.name, e.encodedBodySize, e.decodedBodySize])',
    );
    const list = (Array.isArray(scripts) ? scripts : []) as [string, number, number][];
    expect(list.some(([name]) => /\/assets\/maplibre-[\w-]+\.js$/.test(name))).toBe(true);
    for (const [name, encoded, decoded] of list) {
      // what crossed the wire is the brotli twin: a fraction of the script
      expect(encoded, name).toBeGreaterThan(0);
      expect(encoded / decoded, name).toBeLessThan(0.4);
    }
    const res = await page.request.get(`${server.url}/`, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers()['cache-control']).toBe('no-cache');
    await page.context().close();
  }, 120_000);
});
