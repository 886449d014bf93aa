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

describe.skipIf(!hasChromium)('map client: offline page, zones, language', () => {
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

  it('loads with no internet and renders catalogue zones on the canvas', async () => {
    const { page, external, errors } = await openApp(browser, server, 'plan');
    const zones = await waitRendered(page, ['zones-fill'], 5);
    expect(zones).toBeGreaterThanOrEqual(5);
    // the offline land outline is drawn from the shipped file
    expect(await waitRendered(page, ['land-fill'])).toBeGreaterThan(0);
    const catalogue = Number(await page.evaluate('document.body.dataset.zones'));
    expect(catalogue).toBeGreaterThan(20);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, '01-offline-zones');
    await page.context().close();
  }, 120_000);

  it('a reader who asked for less motion gets map labels without fades; any other reader keeps them', async () => {
    // MapLibre keeps the option on the map object only: read it there (a fade is a repaint per frame for 300 ms)
    const fadeOf = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await openApp(browser, server, 'plan', '', { reducedMotion });
      const got = await page.evaluate(
        `({ asked: matchMedia('(prefers-reduced-motion: reduce)').matches, fadeMs: window.__sua.map._fadeDuration })`,
      );
      await page.context().close();
      return got;
    };
    expect(await fadeOf('reduce')).toEqual({ asked: true, fadeMs: 0 });
    expect(await fadeOf('no-preference')).toEqual({ asked: false, fadeMs: 300 });
  }, 120_000);

  it('opens a zone popup with both names, effect, vertical limits and provenance', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await waitRendered(page, ['zones-fill'], 5);
    // Centre the airport zone and click it.
    await page.evaluate('window.__sua.map.jumpTo({ center: [113.92, 22.31], zoom: 12 })');
    await waitRendered(page, ['zones-fill'], 1);
    const box = await page.locator('#map canvas').boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const popup = page.locator('.maplibregl-popup .zone-popup').first();
    await popup.waitFor({ timeout: 10_000 });
    const text = await popup.textContent();
    expect(text).toContain('Hong Kong International Airport');
    expect(text).toContain('香港國際機場');
    expect(text).toMatch(/Restricted flying zone/);
    expect(text).toMatch(/Vertical limits/);
    expect(text).toMatch(/Provenance/);
    await screenshot(page, '02-zone-popup');
    await page.context().close();
  }, 120_000);

  it('switches the UI text to Traditional Chinese and back', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await expect(page.locator('#tab-live').textContent()).resolves.toBe('Live');
    await page.click('#lang-toggle');
    await expect(page.locator('#tab-live').textContent()).resolves.toBe('實時');
    await expect(page.locator('#panel h2').textContent()).resolves.toBe('飛行計劃檢查');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hant-HK');
    await screenshot(page, '03-zh-plan');
    await page.click('#lang-toggle');
    await expect(page.locator('#panel h2').textContent()).resolves.toBe('Plan checker');
    await page.context().close();
  }, 120_000);

  it('can be driven from the keyboard: tabs move with the arrow keys', async () => {
    const { page } = await openApp(browser, server, 'live');
    await page.focus('#tab-live');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-plan');
    expect(await page.getAttribute('#tab-plan', 'aria-selected')).toBe('true');
    await page.context().close();
  }, 120_000);
});
