import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  APPLICANT,
  openApp,
  REGULATOR,
  type RunningServer,
  repoRoot,
  type SeedUser,
  signInThroughUi,
} from './harness.js';
import { BRAVO_PLAN_ID, seedTraffic, showTrafficDay } from './traffic-fixture.js';

/**
 * Every view of the client as one of its audiences opens it, for the checks that walk them all
 * (accessibility, phone layout, 繁中 scan): open the page, sign in when the view needs it, open the tab, and
 * wait until the panel shows its content.
 */
export interface ViewCase {
  name: string;
  hash: 'live' | 'plan' | 'compare' | 'workbench' | 'applications' | 'traffic';
  user?: SeedUser;
  /** wait for the view's content once its tab is open */
  ready(page: Page): Promise<void>;
}

export const VIEW_CASES: ViewCase[] = [
  {
    name: 'live',
    hash: 'live',
    ready: (page) => page.locator('[data-testid=play]:not([disabled])').first().waitFor({ timeout: 90_000 }),
  },
  {
    name: 'plan',
    hash: 'plan',
    async ready(page) {
      // a checked plan: waypoint table, settings, verdict and findings are all on screen
      const file = path.join(repoRoot, 'scenarios', 'plans', 'tung-chung-airport-zone.json');
      await page.setInputFiles('[data-testid=plan-file]', file);
      await page.locator('[data-testid=waypoints] tbody tr').nth(2).waitFor({ timeout: 30_000 });
      await page.locator('[data-testid=check]').click();
      await page.locator('[data-testid=verdict]').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'compare',
    hash: 'compare',
    ready: (page) => page.locator('#cmp-scenario option').first().waitFor({ state: 'attached', timeout: 60_000 }),
  },
  {
    name: 'workbench',
    hash: 'workbench',
    user: REGULATOR,
    ready: (page) => page.locator('li[data-rule]').first().waitFor({ timeout: 60_000 }),
  },
  {
    name: 'applications-applicant',
    hash: 'applications',
    user: APPLICANT,
    ready: (page) => page.locator('[data-testid=app-new]').waitFor({ timeout: 60_000 }),
  },
  {
    name: 'applications-regulator',
    hash: 'applications',
    user: REGULATOR,
    ready: (page) => page.locator('#panel h2').first().waitFor({ timeout: 60_000 }),
  },
  {
    // with traffic on the route, a conflict between two accepted intents and a refused submission on screen
    name: 'traffic-applicant',
    hash: 'traffic',
    user: APPLICANT,
    async ready(page) {
      await page.locator('[data-testid=traffic-submit]').waitFor({ timeout: 60_000 });
      await seedTraffic(page);
      await showTrafficDay(page);
      await page.locator('[data-testid=traffic-conflict]').waitFor({ timeout: 30_000 });
      await page.locator('#traffic-plan').selectOption(BRAVO_PLAN_ID);
      await page.locator('#traffic-operator').fill('Bravo Logistics');
      await page.locator('[data-testid=traffic-submit]').click();
      await page.locator('[data-testid=traffic-refusal]').waitFor({ timeout: 30_000 });
    },
  },
];

/** Open one view in a fresh page (of the given viewport) and wait for its content. */
export async function openView(
  browser: Browser,
  server: RunningServer,
  view: ViewCase,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const { page } = await openApp(browser, server, 'live');
  if (viewport) await page.setViewportSize(viewport);
  if (view.user) await signInThroughUi(page, view.user);
  if (view.hash !== 'live') {
    await page.locator(`#tab-${view.hash}`).click();
    await page.waitForFunction(`document.body.dataset.view === ${JSON.stringify(view.hash)}`, undefined, {
      timeout: 30_000,
    });
  }
  await view.ready(page);
  // a view that is still loading re-renders its panel: elements found now would be detached under the test
  await page.locator('#panel:not([aria-busy="true"])').waitFor({ timeout: 30_000 });
  return page;
}
