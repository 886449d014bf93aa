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

/** The cross-boundary scenario: L.N. 82 of 2025 made any cross-boundary flight need permission. */
const SCENARIO = process.env.E2E_COMPARE_SCENARIO ?? '';

describe.skipIf(!hasChromium)('compare view', () => {
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

  it('runs the cross-boundary scenario under the 2022 and 2025 rulebooks and counts different findings', async () => {
    const { page } = await openApp(browser, server, 'compare');
    await page.waitForFunction('document.body.dataset.conn === "connected"', undefined, { timeout: 30_000 });
    await page.locator('#cmp-scenario option').first().waitFor({ state: 'attached', timeout: 30_000 });
    const options = await page
      .locator('#cmp-scenario option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('value') ?? ''));
    const scenario = SCENARIO || options.find((v) => /cross/.test(v));
    expect(scenario, `a cross-boundary scenario among ${options.join(', ')}`).toBeTruthy();
    await page.selectOption('#cmp-scenario', scenario ?? '');
    await page.selectOption('#cmp-a', 'cap448g-2022');
    await page.selectOption('#cmp-b', 'cap448g-2025');
    // before the start: zones on both maps, the legend, no alarming zero, pickers that tell 2022 from 2025
    await waitRendered(page, ['zones-fill'], 1, 30_000, 0);
    await waitRendered(page, ['zones-fill'], 1, 30_000, 1);
    const legend = page.locator('[data-testid=cmp-legend]');
    expect(await legend.locator('li').count()).toBeGreaterThan(4);
    expect(await legend.textContent()).toMatch(/Restricted flying zone/);
    expect(await page.textContent('#compare-head-a')).not.toMatch(/Findings opened/);
    expect(await page.textContent('#compare-head-a')).toMatch(/not started/);
    expect(await page.locator('[data-testid=cmp-count-a][data-opened]').count()).toBe(0);
    const pickerA = await page.locator('#cmp-a option:checked').textContent();
    const pickerB = await page.locator('#cmp-b option:checked').textContent();
    expect(pickerA).toMatch(/^Cap\. 448G, as enacted/);
    expect(pickerB).toMatch(/^Cap\. 448G, as amended by L\.N\. 82 of 2025/);
    await screenshot(page, '39-compare-before-start');
    await page.click('[data-testid=cmp-start]');
    await page.locator('[data-testid=cmp-total]').waitFor({ timeout: 60_000 });
    await page.locator('.panel [data-testid=speed]:not([disabled])').waitFor({ timeout: 30_000 });
    await page.selectOption('.panel [data-testid=speed]', '100');

    await waitRendered(page, ['zones-fill'], 1, 30_000, 0);
    await waitRendered(page, ['zones-fill'], 1, 30_000, 1);
    // Bounded wait for both sessions to run the scenario to its end: the counts are then final.
    await page.waitForFunction(
      `document.querySelector('#compare-head-a').dataset.finished === 'true' && document.querySelector('#compare-head-b').dataset.finished === 'true'`,
      undefined,
      { timeout: 240_000, polling: 500 },
    );
    await page.waitForTimeout(1000);
    await screenshot(page, '40-compare');
    const a = Number(await page.getAttribute('[data-testid=cmp-count-a]', 'data-opened'));
    const b = Number(await page.getAttribute('[data-testid=cmp-count-b]', 'data-opened'));
    expect(a).not.toBe(b);
    const ruleRows = page.locator('[data-testid=cmp-table] tr[data-rule]');
    expect(await ruleRows.count()).toBeGreaterThan(0);
    // rules by their names, not their ids
    for (const tr of await ruleRows.all()) {
      const id = await tr.getAttribute('data-rule');
      expect(await tr.locator('th').textContent()).not.toBe(id);
    }
    // the latest findings in words, with aircraft names, as in the live feed
    const latest = page.locator('[data-testid=cmp-latest-b] li');
    expect(await latest.count()).toBeGreaterThan(0);
    expect(await latest.first().locator('.badge').count()).toBe(1);
    // another scenario picked after the run: the results say whose they still are, until Start
    expect(await page.locator('[data-testid=cmp-pending]').count()).toBe(0);
    const other = await page
      .locator('#cmp-scenario option')
      .evaluateAll((els, current) => els.map((e) => e.getAttribute('value')).find((v) => v && v !== current), scenario);
    await page.selectOption('#cmp-scenario', other ?? '');
    const pending = page.locator('[data-testid=cmp-pending]');
    await pending.waitFor({ timeout: 10_000 });
    expect(await pending.textContent()).toMatch(/still those of “.+”.*press Start/);
    await page.selectOption('#cmp-scenario', scenario ?? '');
    await pending.waitFor({ state: 'detached', timeout: 10_000 });
    await page.context().close();
  }, 360_000);
});
