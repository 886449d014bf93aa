import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  REGULATOR,
  type RunningServer,
  repoRoot,
  screenshot,
  signInOverHttp,
  signInThroughUi,
  startServer,
} from './harness.js';

/** The shipped country-park A2 plan flown at 110 m AGL: above 300 ft, below 400 ft. */
function planAt110m(): Record<string, unknown> {
  const plan = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'scenarios', 'plans', 'country-park-hobbyist.json'), 'utf8'),
  );
  plan.id = 'e2e-a2-110m';
  plan.name = 'E2E: A2 survey at 110 m AGL';
  plan.route.coordinates = plan.route.coordinates.map((c: number[]) => [c[0], c[1], c[2] > 0 ? 110 : 0]);
  return plan;
}

describe.skipIf(!hasChromium)('rule-draft workbench', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR] });
    browser = await launchBrowser();
    // The stored corpus the impact run assesses: the shipped sample plans plus one A2 plan at 110 m, stored
    // by the regulator (storing plans needs an account).
    const { cookie } = await signInOverHttp(server, REGULATOR);
    const dir = path.join(repoRoot, 'scenarios', 'plans');
    const plans = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    for (const plan of [...plans, planAt110m()]) {
      const res = await fetch(`${server.url}/api/plans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(plan),
      });
      if (res.status !== 201) throw new Error(`storing ${plan.id}: ${res.status} ${await res.text()}`);
    }
  }, 180_000);

  /** The workbench is the regulator's: sign in from the live map, then open its tab. */
  async function openWorkbench() {
    const { page } = await openApp(browser, server, 'live');
    await signInThroughUi(page, REGULATOR);
    await page.getByRole('tab', { name: 'Rule workbench' }).click();
    await page.waitForFunction('document.body.dataset.view === "workbench"', undefined, { timeout: 10_000 });
    return page;
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a draft raising the A2 height limit: diff with citation, impact with a non-zero change count, open a changed plan', async () => {
    const page = await openWorkbench();
    const rule = page.locator('li[data-rule="op.height.a2"]');
    await rule.waitFor({ timeout: 30_000 });
    await rule.locator('summary').click();
    const limit = rule.locator('input[aria-label="op.height.a2 limit.value"]');
    expect(await limit.inputValue()).toBe('300');
    await limit.fill('400');
    await limit.press('Tab');
    await page.locator('h3', { hasText: /\(1\)/ }).waitFor({ timeout: 10_000 });

    await page.click('[data-testid=wb-diff]');
    const diff = page.locator('[data-testid=diff] li').first();
    await diff.waitFor({ timeout: 30_000 });
    const diffText = await page.locator('[data-testid=diff]').textContent();
    expect(diffText).toMatch(/400/);
    expect(await diff.locator('a.cite').count()).toBe(1);

    await page.click('[data-testid=wb-impact]');
    const count = page.locator('[data-testid=impact-count]');
    await count.waitFor({ timeout: 120_000 });
    const verdictChanged = Number(await page.getAttribute('.impact', 'data-verdict-changed'));
    expect(verdictChanged).toBeGreaterThan(0);
    expect(await page.locator('.impact svg.chart rect').count()).toBeGreaterThan(0);
    const row = page.locator('[data-testid=impact-table] tr', { hasText: 'E2E: A2 survey at 110 m AGL' });
    expect(await row.count()).toBe(1);
    await count.scrollIntoViewIfNeeded();
    await screenshot(page, '30-workbench-impact');

    await row.getByRole('button').click();
    await page.waitForFunction('document.body.dataset.view === "plan"', undefined, { timeout: 10_000 });
    expect(await page.locator('[data-testid=waypoints] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.inputValue('[data-testid=plan-rulebook]')).toMatch(/^draft:/);
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=plan-findings] li[data-rule="op.height.a2"]').count()).toBe(0);
    await page.context().close();
  }, 300_000);

  it('opens a changed plan from an impact run over the example plans', async () => {
    const page = await openWorkbench();
    const rule = page.locator('li[data-rule="op.height.a2"]');
    await rule.waitFor({ timeout: 30_000 });
    await rule.locator('summary').click();
    const limit = rule.locator('input[aria-label="op.height.a2 limit.value"]');
    await limit.fill('400');
    await limit.press('Tab');
    await page.locator('h3', { hasText: /\(1\)/ }).waitFor({ timeout: 10_000 });

    await page.selectOption('#wb-corpus', 'examples');
    await page.click('[data-testid=wb-impact]');
    await page.locator('[data-testid=impact-count]').waitFor({ timeout: 120_000 });
    const rows = page.locator('[data-testid=impact-table] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().getByRole('button').click();
    await page.waitForFunction('document.body.dataset.view === "plan"', undefined, { timeout: 10_000 });
    expect(await page.locator('[data-testid=waypoints] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.inputValue('[data-testid=plan-rulebook]')).toMatch(/^draft:/);
    await page.context().close();
  }, 300_000);

  it('a broken rule definition is refused with the path of the problem', async () => {
    const page = await openWorkbench();
    await page.locator('#wb-add-rule').waitFor({ timeout: 30_000 });
    await page.fill('#wb-add-rule', JSON.stringify({ id: 'Bad Id', kind: 'max-height' }));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const err = page.locator('.error-box').first();
    await err.waitFor();
    expect(await err.textContent()).toMatch(/^id: /m);
    await page.context().close();
  }, 120_000);
});
