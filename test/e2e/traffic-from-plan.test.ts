import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE, routePlan } from '../traffic-api/helpers.js';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  screenshot,
  signInThroughUi,
  startServer,
} from './harness.js';
import { hkt } from './traffic-fixture.js';

/**
 * Plan checker → operational intent (issue 16 item 7): an applicant checks a plan, "Submit as operational intent"
 * stores it and opens the Traffic view with it chosen; the applicant names the operator and the route and submits.
 */
describe.skipIf(!hasChromium)('plan checker → Traffic view', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let planFile: string;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [APPLICANT] });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, server, 'plan'));
    await signInThroughUi(page, APPLICANT);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-intent-'));
    planFile = path.join(dir, 'charlie.json');
    const plan = { ...routePlan(hkt('11:00')), name: 'Charlie Couriers: Cyberport to St John' };
    fs.writeFileSync(planFile, JSON.stringify(plan));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('submits the checked plan as an operational intent from the Traffic view, the plan chosen', async () => {
    await page.locator('#tab-plan').click();
    await page.locator('[data-testid=plan-file]').setInputFiles(planFile);
    await page.locator('[data-testid=check]').click();
    await page.locator('#panel [data-testid=verdict]').waitFor({ timeout: 30_000 });
    const toIntent = page.locator('[data-testid=plan-to-intent]');
    expect(await toIntent.textContent()).toBe('Submit as operational intent');
    await toIntent.click();
    await page.locator('body[data-view=traffic]').waitFor({ state: 'attached', timeout: 30_000 });
    // the stored plan is chosen (its id is the one the server gave), and the address is the plain view's again
    const select = page.locator('#traffic-plan');
    await page.waitForFunction(
      `(() => { const s = document.getElementById('traffic-plan'); return !!s && s.value !== '' && s.selectedOptions.length === 1; })()`,
      undefined,
      { timeout: 30_000 },
    );
    const chosen = await select.inputValue();
    // stored under an id of the server's making, not the file's (an example may be stored already)
    expect(chosen).not.toBe('cyberport-cheung-chau-bvlos');
    const stored = (await page.evaluate(
      `fetch('api/plans?limit=500').then((r) => r.json()).then((b) => b.items.map((p) => ({ id: p.id, name: p.name })))`,
    )) as { id: string; name: string | null }[];
    expect(stored.filter((p) => p.name === 'Charlie Couriers: Cyberport to St John').map((p) => p.id)).toEqual([
      chosen,
    ]);
    expect(await page.evaluate('location.hash')).toBe('#traffic');
    await page.locator('#traffic-operator').fill('Charlie Couriers');
    await page.locator('#traffic-route').selectOption(ROUTE);
    await page.locator('[data-testid=traffic-submit]').click();
    const accepted = page.locator('[data-testid=traffic-accepted]');
    await accepted.waitFor({ timeout: 30_000 });
    const id = await accepted.getAttribute('data-intent-id');
    await page.locator(`[data-testid=traffic-intent][data-intent-id="${id}"][data-state=Accepted]`).waitFor();
    await screenshot(page, 'traffic-from-plan');
  }, 180_000);

  it('a second click for the same check opens the plan already stored (no copy)', async () => {
    await page.locator('#tab-plan').click();
    await page.locator('[data-testid=plan-to-intent]').click();
    await page.locator('body[data-view=traffic]').waitFor({ state: 'attached', timeout: 30_000 });
    const stored = (await page.evaluate(
      `fetch('api/plans?limit=500').then((r) => r.json()).then((b) => b.items.filter((p) => p.name === 'Charlie Couriers: Cyberport to St John').length)`,
    )) as number;
    expect(stored).toBe(1);
  }, 120_000);
});
