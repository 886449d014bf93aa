import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  REGULATOR,
  type RunningServer,
  screenshot,
  startServer,
} from './harness.js';
import { openView, VIEW_CASES, type ViewCase } from './views.js';

/**
 * Phone layouts (390×844, and the narrowest common phone, 360 wide): nothing scrolls sideways, the panel is a
 * bottom sheet that opens and whose controls can be used, the legend starts collapsed, compare stacks its maps.
 * And on a laptop (1280 px), the signed-in header keeps to one row.
 */
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };

async function horizontalOverflow(page: Page): Promise<number> {
  const n = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  return typeof n === 'number' ? n : Number.NaN;
}

/** The sheet opens from its handle; its first button is then inside the viewport and takes a click. */
async function openSheet(page: Page): Promise<void> {
  const handle = page.locator('[data-testid=sheet-toggle]');
  expect(await handle.isVisible()).toBe(true);
  if ((await handle.getAttribute('aria-expanded')) !== 'true') await handle.click();
  expect(await handle.getAttribute('aria-expanded')).toBe('true');
  const panel = page.locator('#panel');
  const box = await panel.boundingBox();
  expect(box, 'the panel has a box').not.toBeNull();
  if (box) {
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(box.height).toBeGreaterThan(PHONE.height * 0.4);
    expect(box.width).toBeLessThanOrEqual(PHONE.width);
  }
}

describe.skipIf(!hasChromium)('phone layout', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR, APPLICANT] });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const check = async (view: ViewCase) => {
    const page = await openView(browser, server, view, PHONE);
    expect(await horizontalOverflow(page), `${view.name} at 390 px`).toBeLessThanOrEqual(0);
    await openSheet(page);
    // a control inside the sheet is reachable: scrolled into view and clickable where it is
    // (the regulator's empty queue has no control: its heading must be on screen instead)
    const controls = page.locator('#panel :is(button, select, input, summary, a[href]):visible');
    const target = (await controls.count()) > 0 ? controls.first() : page.locator('#panel h2').first();
    await target.scrollIntoViewIfNeeded();
    await target.click({ trial: true, timeout: 10_000 });
    const box = await target.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.height, 'the control is on screen').toBe(true);
    await screenshot(page, `phone-${view.name}`);
    await page.setViewportSize(NARROW);
    expect(await horizontalOverflow(page), `${view.name} at 360 px`).toBeLessThanOrEqual(0);
    await page.context().close();
  };

  for (const view of VIEW_CASES) {
    it(`${view.name}: no sideways overflow at 390 and 360 px, the sheet opens and its controls work`, async () => {
      await check(view);
    }, 240_000);
  }

  it('the legend starts collapsed on a phone; the header stays short', async () => {
    const live = VIEW_CASES.find((v) => v.name === 'live');
    if (!live) throw new Error('no live view case');
    const page = await openView(browser, server, live, PHONE);
    const toggle = page.locator('#legend .legend-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#legend-body').isVisible()).toBe(false);
    await toggle.click();
    expect(await page.locator('#legend-body').isVisible()).toBe(true);
    const header = await page.locator('header.topbar').boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(120);
    await page.context().close();
  }, 240_000);

  it('on a 1280-px laptop, a regulator signed in (six tabs), the header is one row in both languages', async () => {
    const workbench = VIEW_CASES.find((v) => v.name === 'workbench');
    if (!workbench?.user) throw new Error('no signed-in workbench view case');
    const page = await openView(browser, server, workbench, { width: 1280, height: 800 });
    const rowTops = async () => {
      const tops = await page.evaluate(
        `[...document.querySelectorAll('header.topbar > *')].map((e) => Math.round(e.getBoundingClientRect().top))`,
      );
      return Array.isArray(tops) ? tops.map(Number) : [];
    };
    expect(await page.locator('#tab-workbench').isVisible()).toBe(true);
    const en = await rowTops();
    expect(Math.max(...en) - Math.min(...en), `English: ${en}`).toBeLessThan(20);
    await page.locator('#lang-toggle').click();
    await page.waitForFunction(`document.documentElement.lang === 'zh-Hant-HK'`);
    const zh = await rowTops();
    expect(Math.max(...zh) - Math.min(...zh), `Chinese: ${zh}`).toBeLessThan(20);
    // the basemap's label is hidden from sight, not from screen readers
    expect(await page.getByRole('combobox', { name: /Basemap|底圖/ }).count()).toBe(1);
    await page.context().close();
  }, 240_000);

  it('compare stacks its two maps on a phone', async () => {
    const compare = VIEW_CASES.find((v) => v.name === 'compare');
    if (!compare) throw new Error('no compare view case');
    const page = await openView(browser, server, compare, PHONE);
    const a = await page.locator('#map-a').boundingBox();
    const b = await page.locator('#map-b').boundingBox();
    expect(a && b).toBeTruthy();
    if (a && b) {
      expect(a.width).toBeGreaterThan(PHONE.width * 0.9);
      expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
    }
    await page.context().close();
  }, 240_000);
});
