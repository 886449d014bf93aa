import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  REGULATOR,
  type RunningServer,
  renderedCount,
  screenshot,
  signInThroughUi,
  startServer,
  waitRendered,
} from './harness.js';
import { BRAVO_PLAN_ID, seedTraffic, showTrafficDay } from './traffic-fixture.js';

/**
 * Issue 16 item 7: intents and designated routes on the map, a time slider showing the volumes reserved at its
 * time, conflicts highlighted with both operators' names, and the applicant seeing the conflicts of a submission
 * with the earliest shift, applying it in one click.
 */

/** The operators whose volumes the map renders now. */
async function renderedOperators(page: Page, layer: string): Promise<string[]> {
  const names = await page.evaluate(
    `[...new Set(window.__sua.map.queryRenderedFeatures({ layers: [${JSON.stringify(layer)}] }).map((f) => f.properties.operator))].sort()`,
  );
  return Array.isArray(names) ? names.map(String) : [];
}

/** Move the slider to hh:mm and let the map draw. */
async function slideTo(page: Page, hhmm: string): Promise<void> {
  const [h, m] = hhmm.split(':').map(Number);
  await page.locator('#traffic-time').fill(String(h * 60 + m));
  await page.waitForFunction(
    `document.getElementById('traffic-reserved')?.textContent.includes(${JSON.stringify(`${hhmm} HKT`)})`,
  );
  await page.evaluate(
    'new Promise((r) => { window.__sua.map.triggerRepaint(); window.__sua.map.once("idle", r); setTimeout(r, 3000); })',
  );
}

describe.skipIf(!hasChromium)('Traffic view (Sandbox X)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR, APPLICANT] });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, server, 'live'));
    await signInThroughUi(page, APPLICANT);
    await page.locator('#tab-traffic').click();
    await page.locator('[data-testid=traffic-submit]').waitFor({ timeout: 60_000 });
    expect(await seedTraffic(page)).toEqual([201, 201, 201]);
    await showTrafficDay(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a visitor sees the routes and vertiports, and no intents of anyone (the query is for operators)', async () => {
    const visitor = (await openApp(browser, server, 'traffic')).page;
    await visitor.locator('[data-testid=traffic-sign-in]').waitFor({ timeout: 60_000 });
    await visitor.locator('[data-route-id=R-CYB-CCH]').waitFor({ timeout: 30_000 });
    expect(await visitor.locator('[data-testid=traffic-intent]').count()).toBe(0);
    expect(await visitor.locator('[data-testid=traffic-submit]').count()).toBe(0);
    await visitor.context().close();
  }, 120_000);

  it('draws the designated routes and vertiports, with their labels', async () => {
    expect(await waitRendered(page, ['traffic-corridor-fill'])).toBeGreaterThan(0);
    expect(await waitRendered(page, ['traffic-pads', 'traffic-vertiport-approach'])).toBeGreaterThan(0);
    expect(await page.locator('[data-route-id=R-CYB-CCH]').textContent()).toContain('80–110 m AGL');
    expect(await page.locator('.traffic-label[data-label-id="net:R-CYB-CCH"]').count()).toBe(1);
  });

  it('the time slider shows only the volumes reserved at its time', async () => {
    await slideTo(page, '09:30');
    expect(await renderedCount(page, ['traffic-intents-fill'])).toBe(0);
    expect(await page.locator('#traffic-reserved').textContent()).toMatch(
      /^0 volumes of 0 intents reserved at \d\d\/\d\d\/\d{4} 09:30 HKT$/,
    );
    await slideTo(page, '10:02');
    expect(await renderedOperators(page, 'traffic-intents-fill')).toEqual(['Alpha Deliveries', 'Medic Drones']);
    await screenshot(page, 'traffic-intents-10-02');
    await slideTo(page, '12:00');
    expect(await renderedCount(page, ['traffic-intents-fill'])).toBe(0);
  });

  it('highlights the conflict between two accepted intents, naming both operators', async () => {
    const row = page.locator('[data-testid=traffic-conflict]');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Alpha Deliveries ⇄ Medic Drones|Medic Drones ⇄ Alpha Deliveries/);
    await row.getByRole('button').click();
    await page.waitForFunction(`document.getElementById('traffic-reserved')?.textContent.startsWith('0') === false`);
    await page.evaluate(
      'new Promise((r) => { window.__sua.map.triggerRepaint(); window.__sua.map.once("idle", r); setTimeout(r, 3000); })',
    );
    expect(await waitRendered(page, ['traffic-conflicts-fill'])).toBeGreaterThan(0);
    const label = page.locator('.traffic-label-conflict').first();
    expect(await label.textContent()).toContain('Alpha Deliveries');
    expect(await label.textContent()).toContain('Medic Drones');
    await screenshot(page, 'traffic-conflict');
  });

  it('the applicant sees the conflicts at submission, applies the suggested shift, and is accepted', async () => {
    await page.locator('#traffic-plan').selectOption(BRAVO_PLAN_ID);
    await page.locator('#traffic-operator').fill('Bravo Logistics');
    await page.locator('#traffic-route').selectOption('R-CYB-CCH');
    await page.locator('[data-testid=traffic-submit]').click();
    const refusal = page.locator('[data-testid=traffic-refusal]');
    await refusal.waitFor({ timeout: 30_000 });
    const others = await refusal
      .locator('[data-testid=traffic-refusal-conflict]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-operator')));
    expect(others.sort()).toEqual(['Alpha Deliveries', 'Medic Drones']);
    expect(await refusal.textContent()).toContain('Bravo Logistics');
    const shift = refusal.locator('[data-testid=traffic-shift]');
    const shiftS = Number(await shift.getAttribute('data-shift-s'));
    expect(shiftS).toBeGreaterThan(0);
    expect(await shift.textContent()).toMatch(/^Shift start by \d+ min/);
    // the other operators' intersecting volumes drawn, labelled with both names
    await page.evaluate(
      'new Promise((r) => { window.__sua.map.triggerRepaint(); window.__sua.map.once("idle", r); setTimeout(r, 3000); })',
    );
    expect(await waitRendered(page, ['traffic-proposal-blocking'])).toBeGreaterThan(0);
    expect(await page.locator('.traffic-label[data-label-id="proposal:e2e-alpha"]').textContent()).toContain(
      'Bravo Logistics',
    );
    await screenshot(page, 'traffic-refusal');

    await shift.click();
    const accepted = page.locator('[data-testid=traffic-accepted]');
    await accepted.waitFor({ timeout: 30_000 });
    const id = await accepted.getAttribute('data-intent-id');
    await page.locator(`[data-testid=traffic-intent][data-intent-id="${id}"][data-state=Accepted]`).waitFor();
    expect(await page.locator('[data-testid=traffic-intent]').count()).toBe(3);
    // the shift cleared every conflict of Bravo's: the only conflict left is Alpha's with Medic
    expect(await page.locator('[data-testid=traffic-conflict]').count()).toBe(1);
    // the map draws on its next frame: the list may say so first
    await expect.poll(() => renderedCount(page, ['traffic-proposal-blocking']), { timeout: 15_000 }).toBe(0);
    expect(await accepted.textContent()).toContain(`Start shifted by ${Math.floor(shiftS / 60)} min`);
    // findings that come with an acceptance are words, never a bare code (test/traffic/finding-words.test.ts)
    for (const text of await accepted.locator('[data-testid=traffic-findings] li').allTextContents())
      expect(text).not.toMatch(/^traffic\./);
    await screenshot(page, 'traffic-accepted');
  }, 120_000);
});
