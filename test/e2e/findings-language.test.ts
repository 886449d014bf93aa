import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../rules/src/messages/index.js';
import { Report } from '../../rules/src/model/index.js';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  repoRoot,
  screenshot,
  startServer,
} from './harness.js';

const PLAN = path.join(repoRoot, 'scenarios', 'plans', 'tung-chung-airport-zone.json');
/** Stands in for the server's own wording: the client must word findings from code + params instead. */
const SERVER_TEXT = { en: 'server wording (en)', zh: 'server wording (zh)' };
const MESSAGE = '[data-testid=plan-findings] li[data-rule=rfz] .finding-msg';
/** A page expression: the first airport-zone finding reads `text`. */
const shows = (text: string) =>
  `document.querySelector(${JSON.stringify(MESSAGE)})?.textContent === ${JSON.stringify(text)}`;

describe.skipIf(!hasChromium)('findings as data in the browser', () => {
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

  it('the plan checker words findings from code + params, and 繁中 re-words them without a reload', async () => {
    const { page, errors } = await openApp(browser, server, 'plan');
    let served: Report | undefined;
    // The real report, with every finding's text replaced: what the page shows can only come from code + params.
    await page.route('**/api/check', async (route) => {
      const response = await route.fetch();
      const report = Report.parse(await response.json());
      served = report;
      const rewritten = { ...report, findings: report.findings.map((f) => ({ ...f, message: SERVER_TEXT })) };
      await route.fulfill({ response, json: rewritten });
    });
    await page.setInputFiles('[data-testid=plan-file]', PLAN);
    await page.locator('[data-testid=waypoints] tbody tr').nth(4).waitFor({ timeout: 10_000 });
    await page.click('[data-testid=check]');
    const msg = page.locator(MESSAGE).first();
    await msg.waitFor({ timeout: 30_000 });

    const finding = served?.findings.find((f) => f.ruleId === 'rfz');
    expect(finding).toBeDefined();
    if (!finding) return;
    const english = renderMessage(finding.code, finding.params, 'en');
    const chinese = renderMessage(finding.code, finding.params, 'zh-Hant');
    expect(english).toContain('restricted flying zone');
    expect(chinese).not.toBe(english);
    expect(await msg.textContent()).toBe(english);

    // A marker that a reload would wipe.
    await page.evaluate('window.__noReload = true');
    await page.click('#lang-toggle');
    await page.waitForFunction(shows(chinese), undefined, { timeout: 10_000 });
    expect(await page.evaluate('window.__noReload === true')).toBe(true);
    expect(await page.locator('[data-testid=plan-findings]').textContent()).not.toContain(SERVER_TEXT.zh);
    await screenshot(page, '60-findings-zh-hant');

    await page.click('#lang-toggle');
    await page.waitForFunction(shows(english), undefined, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
