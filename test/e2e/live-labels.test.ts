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
  waitForSession,
  waitRendered,
} from './harness.js';

type Rect = { id: string; x: number; y: number; w: number; h: number };

/** Screen positions of the aircraft drawn on the live map. */
async function aircraftOnScreen(page: Page): Promise<{ id: string; x: number; y: number; lon: number; lat: number }[]> {
  // page coordinates, as the labels' bounding boxes are
  const list = await page.evaluate(`(() => {
    const map = window.__sua.map;
    const box = map.getContainer().getBoundingClientRect();
    return map.queryRenderedFeatures({ layers: ['ac-dot'] }).map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = map.project([lon, lat]);
      return { id: String(f.properties.id), x: box.left + p.x, y: box.top + p.y, lon, lat };
    });
  })()`);
  return Array.isArray(list) ? list : [];
}

async function labelRects(page: Page): Promise<Rect[]> {
  const list = await page.evaluate(`[...document.querySelectorAll('.ac-label:not([hidden])')].map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.dataset.id, x: r.x, y: r.y, w: r.width, h: r.height };
  })`);
  return Array.isArray(list) ? list : [];
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.skipIf(!hasChromium)('live map: aircraft labels', () => {
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

  it('never overlap: a crowded spot shows each label beside its aircraft or leaves it out', async () => {
    const { page } = await openApp(browser, server, 'live');
    await waitForSession(page, server);
    await waitRendered(page, ['ac-dot'], 2, 90_000);
    // zoom out to just above the labels' minimum over the busiest pair, where full-width labels must collide
    const ac = await aircraftOnScreen(page);
    const lon = ac.reduce((s, a) => s + a.lon, 0) / ac.length;
    const lat = ac.reduce((s, a) => s + a.lat, 0) / ac.length;
    await page.evaluate(`window.__sua.map.jumpTo({ center: [${lon}, ${lat}], zoom: 11.6 })`);
    await page.locator('.ac-label:not([hidden])').first().waitFor({ timeout: 30_000 });

    let crowded = false;
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(400);
      const dots = await aircraftOnScreen(page);
      const rects = await labelRects(page);
      // a label as wide as the shortest shown would overlap another: two aircraft closer than that
      const minW = Math.min(...rects.map((r) => r.w));
      crowded ||= dots.some((a, j) =>
        dots.some((b, k) => k > j && Math.abs(a.x - b.x) < minW && Math.abs(a.y - b.y) < 16),
      );
      expect(rects.length).toBeGreaterThan(0);
      for (let j = 0; j < rects.length; j++)
        for (let k = j + 1; k < rects.length; k++)
          expect(overlap(rects[j], rects[k]), `${rects[j].id} over ${rects[k].id}`).toBe(false);
      // every shown label sits next to its own aircraft
      for (const r of rects) {
        const dot = dots.find((d) => d.id === r.id);
        if (!dot) continue;
        const dx = Math.max(r.x - dot.x, dot.x - (r.x + r.w), 0);
        const dy = Math.max(r.y - dot.y, dot.y - (r.y + r.h), 0);
        expect(Math.hypot(dx, dy), r.id).toBeLessThan(30);
      }
    }
    // the check meant something: some aircraft were close enough for naive labels to collide
    expect(crowded).toBe(true);
    await screenshot(page, 'live-labels-crowded');
    await page.context().close();
  }, 240_000);
});
