import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactsDir,
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  repoRoot,
  startServer,
} from './harness.js';

const PLAN = path.join(repoRoot, 'scenarios', 'plans', 'tung-chung-airport-zone.json');

describe.skipIf(!hasChromium)('printable report', () => {
  let server: RunningServer;
  let browser: Browser;
  let tmp: string;

  beforeAll(async () => {
    server = await startServer(await buildClient());
    browser = await launchBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-report-'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints plan, aircraft and crew, rulebook and version, verdict, grouped findings with citations, map, profile, disclaimer and HKT time; files are named from the plan', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await page.setInputFiles('[data-testid=plan-file]', PLAN);
    await page.locator('[data-testid=waypoints] tbody tr').nth(4).waitFor({ timeout: 15_000 });
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=profile] svg.profile-chart').waitFor({ timeout: 30_000 });

    const jsonDownload = page.waitForEvent('download');
    await page.getByText('Download report (JSON)').click();
    const jsonName = (await jsonDownload).suggestedFilename();
    expect(jsonName).toMatch(/^mini-drone-at-tung-chung-town-centre-inside-the-hkia_cap448g-2025-v[\d.]+\.json$/);

    const htmlDownload = page.waitForEvent('download');
    await page.getByText('Printable report (HTML)').click();
    const download = await htmlDownload;
    expect(download.suggestedFilename()).toMatch(
      /^mini-drone-at-tung-chung-town-centre-inside-the-hkia_cap448g-2025-v[\d.]+\.html$/,
    );
    expect(download.suggestedFilename()).not.toMatch(/sua-report/);
    const saved = path.join(tmp, download.suggestedFilename());
    await download.saveAs(saved);
    await page.context().close();

    const html = fs.readFileSync(saved, 'utf8');
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    const report = await ctx.newPage();
    await report.setContent(html);
    const text = String(await report.evaluate('document.body.innerText')).replace(/\s+/g, ' ');
    expect(await report.locator('[data-testid=report-plan]').textContent()).toBe(
      'Mini drone at Tung Chung town centre (inside the HKIA restricted flying zone)',
    );
    expect(text).toContain('DJI Mini 4 Pro');
    expect(text).toMatch(/Remote pilot/);
    expect(text).toMatch(
      /Small Unmanned Aircraft Order \(Cap\. 448G\), as amended by L\.N\. 82 of 2025 \(version 2025\.\d+\)/,
    );
    expect(await report.locator('[data-testid=report-verdict]').textContent()).toMatch(/Permission required/);
    // findings grouped by effect, each with its citation
    const rfz = report.locator('table.findings[data-effect=requires-permission] tr[data-rule=rfz]');
    expect(await rfz.count()).toBeGreaterThan(0);
    expect(await rfz.first().locator('a').first().textContent()).toMatch(/s\.18/);
    // a map drawn from the geometry (route and at least one zone) and the altitude profile
    const map = report.locator('svg[data-testid=report-map]');
    expect(await map.locator('polyline').count()).toBe(1);
    expect(await map.locator('path[fill-opacity]').count()).toBeGreaterThan(0);
    expect(await report.locator('figure.profile svg.profile-chart path.profile-route').count()).toBe(1);
    expect(await report.locator('[data-testid=report-disclaimer]').textContent()).toMatch(/Not legal advice/);
    expect(await report.locator('[data-testid=report-generated]').textContent()).toMatch(
      /^Generated \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} HKT$/,
    );
    expect(text).toMatch(/Take-off 14\/03\/2026 15:00 HKT/);
    // none of the old faults: empty headers, "#" twice, "— / —", raw ISO dates
    const headers = await report.locator('th').allInnerTexts();
    expect(headers.filter((h) => h.trim() === '')).toEqual([]);
    expect(headers.filter((h) => h.trim() === '#')).toEqual([]);
    expect(text).not.toContain('— / —');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await report.pdf({ path: path.join(artifactsDir, '15-report.pdf'), format: 'A4', printBackground: true });
    await report.screenshot({ path: path.join(artifactsDir, '15-report.png'), fullPage: true });
    await ctx.close();
  }, 240_000);

  it('in 繁中 the printed report is in Chinese, with the same HKT format', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await page.locator('#lang-toggle').click();
    await page.waitForFunction('document.documentElement.lang === "zh-Hant-HK"');
    await page.setInputFiles('[data-testid=plan-file]', PLAN);
    await page.locator('[data-testid=waypoints] tbody tr').nth(4).waitFor({ timeout: 15_000 });
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    const htmlDownload = page.waitForEvent('download');
    await page.locator('.report .row button').nth(1).click();
    const download = await htmlDownload;
    const saved = path.join(tmp, `zh-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    await page.context().close();
    const html = fs.readFileSync(saved, 'utf8');
    expect(html).toContain('<html lang="zh-Hant-HK">');
    expect(html).toContain('飛行計劃報告');
    expect(html).toContain('並非法律意見');
    expect(html).toMatch(/產生於 \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} HKT/);
    expect(html).toContain('《小型無人機令》（第448G章），經2025年第82號法律公告修訂');
  }, 240_000);
});
