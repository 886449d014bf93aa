import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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
    // a labelled field with its unit and the rulebook's value, not a raw path
    const limit = rule.getByLabel('Limit (ft AGL)');
    expect(await limit.inputValue()).toBe('300');
    expect(await rule.textContent()).toContain('In the rulebook: 300 ft AGL');
    expect(await rule.textContent()).not.toContain('limit.value');
    await limit.fill('400');
    await limit.press('Tab');
    await page.locator('h3', { hasText: /\(1\)/ }).waitFor({ timeout: 10_000 });
    await rule.scrollIntoViewIfNeeded();
    await screenshot(page, '29-workbench-parameters');
    // the impact run says what it will save before it runs
    expect(await page.textContent('[data-testid=wb-impact-note]')).toMatch(/saves these changes as a new draft/);

    await page.click('[data-testid=wb-diff]');
    const diff = page.locator('[data-testid=diff] li').first();
    await diff.waitFor({ timeout: 30_000 });
    const diffText = await page.locator('[data-testid=diff]').textContent();
    expect(diffText).toMatch(/400/);
    expect(await diff.locator('a.cite').count()).toBe(1);

    // the progress line shows while the job runs (recorded as it appears: a small corpus finishes quickly)
    await page.evaluate(`(() => {
      window.__progressSeen = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid=wb-progress-label]');
        if (el && el.textContent) window.__progressSeen.push(el.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.click('[data-testid=wb-impact]');
    const count = page.locator('[data-testid=impact-count]');
    await count.waitFor({ timeout: 120_000 });
    const seen = (await page.evaluate('window.__progressSeen')) as string[];
    expect(seen.length).toBeGreaterThan(0);
    const verdictChanged = Number(await page.getAttribute('.impact', 'data-verdict-changed'));
    expect(verdictChanged).toBeGreaterThan(0);
    // plural agrees with the count; the chart's two colours are both in its legend; rules by name
    expect(await count.textContent()).toBe(
      verdictChanged === 1 ? '1 plan changes verdict' : `${verdictChanged} plans change verdict`,
    );
    expect(await page.locator('[data-testid=wb-chart-legend] li').count()).toBe(2);
    expect(await page.locator('.impact svg.chart').textContent()).not.toContain('op.height.a2');
    expect(await page.textContent('[data-testid=wb-assessed]')).toMatch(/Assessed against the saved draft/);
    expect(await page.textContent('[data-testid=wb-impact-note]')).toMatch(/nothing is saved/);
    const row = page.locator('[data-testid=impact-table] tr', { hasText: 'E2E: A2 survey at 110 m AGL' });
    expect(await row.count()).toBe(1);
    await count.scrollIntoViewIfNeeded();
    await screenshot(page, '30-workbench-impact');

    // before / after side by side, the route drawn, both verdicts
    await row.getByRole('button').click();
    const ba = page.locator('[data-testid=wb-before-after]');
    await ba.waitFor({ timeout: 30_000 });
    expect(await ba.locator('svg[data-testid=report-map] polyline').count()).toBe(1);
    const before = await ba.locator('[data-testid=ba-before]').getAttribute('data-verdict');
    const after = await ba.locator('[data-testid=ba-after]').getAttribute('data-verdict');
    expect(before).not.toBe(after);
    expect(await ba.locator('[data-testid=ba-before] li[data-rule="op.height.a2"]').count()).toBeGreaterThan(0);
    expect(await ba.locator('[data-testid=ba-after] li[data-rule="op.height.a2"]').count()).toBe(0);
    await ba.scrollIntoViewIfNeeded();
    await screenshot(page, '31-workbench-before-after');
    // the panel with the drafts list, the labelled fields, the results and before/after: no serious axe issue
    const axe = await new AxeBuilder({ page })
      .include('#panel')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // a second run reuses the saved draft: the drafts list does not grow
    const draftsBefore = await page.locator('[data-testid=wb-drafts] li').count();
    await page.click('[data-testid=wb-impact]');
    await page.locator('[data-testid=impact-count]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid=wb-drafts] li').count()).toBe(draftsBefore);

    await page
      .locator('[data-testid=impact-table] tr', { hasText: 'E2E: A2 survey at 110 m AGL' })
      .getByRole('button')
      .click();
    await ba.waitFor({ timeout: 30_000 });
    await ba.getByRole('button', { name: 'Open in the plan checker' }).click();
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
    const limit = rule.getByLabel('Limit (ft AGL)');
    await limit.fill('400');
    await limit.press('Tab');
    await page.locator('h3', { hasText: /\(1\)/ }).waitFor({ timeout: 10_000 });

    await page.selectOption('#wb-corpus', 'examples');
    await page.click('[data-testid=wb-impact]');
    await page.locator('[data-testid=impact-count]').waitFor({ timeout: 120_000 });
    const rows = page.locator('[data-testid=impact-table] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().getByRole('button').click();
    const ba = page.locator('[data-testid=wb-before-after]');
    await ba.waitFor({ timeout: 30_000 });
    await ba.getByRole('button', { name: 'Open in the plan checker' }).click();
    await page.waitForFunction('document.body.dataset.view === "plan"', undefined, { timeout: 10_000 });
    expect(await page.locator('[data-testid=waypoints] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.inputValue('[data-testid=plan-rulebook]')).toMatch(/^draft:/);
    await page.context().close();
  }, 300_000);

  it('lists the shipped draft and saved ones: open, rename, duplicate, delete', async () => {
    const page = await openWorkbench();
    const shipped = page.locator('[data-testid=wb-drafts] li[data-draft="a2-height-400ft"]');
    await shipped.waitFor({ timeout: 30_000 });
    expect(await shipped.textContent()).toMatch(/Draft: A2 maximum height 400 ft AGL.*shipped/);
    await shipped.getByRole('button', { name: /^Open:/ }).click();
    await page.waitForFunction(
      `document.querySelector('#wb-title')?.value === 'Draft: A2 maximum height 400 ft AGL'`,
      undefined,
      { timeout: 30_000 },
    );
    const rule = page.locator('li[data-rule="op.height.a2"]');
    expect(await rule.getByLabel('Limit (ft AGL)').inputValue()).toBe('400');
    expect(await page.textContent('[data-testid=wb-editing]')).toMatch(/Not saved yet/);
    // a shipped draft has no rename or delete
    expect(await shipped.getByRole('button', { name: /^(Rename|Delete):/ }).count()).toBe(0);

    // saved under the shipped title unchanged, the copy would list as a second "A2 maximum height 400 ft AGL"
    // saying something else: it is saved as an edited copy, and the title field says so
    await page.click('[data-testid=wb-diff]');
    const edited = page.locator('[data-testid=wb-drafts] li', {
      hasText: 'Draft: A2 maximum height 400 ft AGL (edited copy)',
    });
    await edited.waitFor({ timeout: 30_000 });
    expect(await edited.textContent()).toMatch(/saved/);
    expect(await page.inputValue('#wb-title')).toBe('Draft: A2 maximum height 400 ft AGL (edited copy)');

    // the copy is the regulator's own: retitled and saved again, it is the same stored draft
    await page.fill('#wb-title', 'E2E draft 400 ft');
    await page.press('#wb-title', 'Tab');
    await page.click('[data-testid=wb-diff]');
    const saved = page.locator('[data-testid=wb-drafts] li', { hasText: 'E2E draft 400 ft' });
    await saved.waitFor({ timeout: 30_000 });
    expect(await saved.textContent()).toMatch(/saved/);

    await saved.getByRole('button', { name: /^Rename:/ }).click();
    await page.fill('[data-testid=wb-rename-input]', 'E2E draft renamed');
    await page.press('[data-testid=wb-rename-input]', 'Enter');
    const renamed = page.locator('[data-testid=wb-drafts] li', { hasText: 'E2E draft renamed' });
    await renamed.waitFor({ timeout: 30_000 });
    expect(await page.inputValue('#wb-title')).toBe('E2E draft renamed');

    await renamed.getByRole('button', { name: /^Duplicate:/ }).click();
    const copy = page.locator('[data-testid=wb-drafts] li', { hasText: 'Copy of E2E draft renamed' });
    await copy.waitFor({ timeout: 30_000 });
    await screenshot(page, '32-workbench-drafts');

    await copy.getByRole('button', { name: /^Delete:/ }).click();
    await copy.getByRole('button', { name: /^Yes, delete:/ }).click();
    await copy.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator('[data-testid=wb-drafts] li', { hasText: 'E2E draft renamed' }).count()).toBe(1);
    await page.context().close();
  }, 180_000);

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
