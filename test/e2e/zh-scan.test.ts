import fs from 'node:fs';
import path from 'node:path';
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
  repoRoot,
  screenshot,
  startServer,
  waitRendered,
} from './harness.js';
import { openView, VIEW_CASES } from './views.js';

/**
 * After the switch to 繁中 (in place, no reload) no visible text of any view is in Latin script, apart from what
 * is the same in both languages: ids, units, section numbers of the law, file formats, brand names, numbers.
 * Citations are scanned too: their titles are in Chinese ("《小型無人機令》（第448G章） 第18條").
 */
const ALLOWED: RegExp[] = [
  /https?:\/\/\S+/g, // links
  /[\w.+-]+@[\w.-]+/g, // the signed-in account's address
  /\b(?:Cap\.|L\.N\.|s\.|ss\.|reg\.|para\.|Sch\.|No\.|Art\.)\s*[\w.()]*/g, // citations
  /第\d+[A-Z]?(?:\([0-9a-z]+\))*條/g, // sections as the Chinese texts cite them: 第3(2)(a)條
  /\b[a-z0-9]+(?:[-_.:@][a-z0-9]+)+\b/gi, // ids: plan, zone, rule, aircraft, draft ids (and id@version)
  /\b\d+[A-Z]{1,2}\b/g, // chapter numbers (448G, 448E)
  /(?:^|\s)\.[a-z]{2,7}\b/g, // file extensions (.plan, .kml)
  /\b[A-Z]\b/g, // single letters: the compare panes A and B, categories
  /\beSUA\b/g, // the CAD's registration system
  /(?:\.\.?\/)?[\w-]+(?:\/[\w.-]+)+(?:\s§[\d.]+)?/g, // source references: a file path and section
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, // upper-case ids (HKIA_RFZ)
  /\b(?:km\/h|m\/s|km|kg|ft|m|g|s|h|min|kt|AGL|AMSL|WGS84|HKT|UTC|HK1980|N|E|S|W)\b/g, // units, datums
  /\b(?:A1|A2|A3|B|C|SORA|VLOS|BVLOS|EVLOS|RFZ|CAD|SUA|ICAO|UAS|ED-269|ED-318)\b/g, // categories, terms of art
  /\b(?:MapLibre|OpenStreetMap|OSM|QGroundControl|DJI|Keeta|KML|KMZ|GPX|GeoJSON|JSON|HTML|CSV|PNG|SVG|PDF|API)\b/g,
  /\b[A-Z]{2,}\d*\b/g, // other upper-case codes (registrations, class codes)
];

/** Every flight label in the scenario files, as {en, zh}: none may be a plain (English-only) string. */
const SCENARIO_LABELS: { file: string; en?: string; zh?: string }[] = fs
  .readdirSync(path.join(repoRoot, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    [...fs.readFileSync(path.join(repoRoot, 'scenarios', file), 'utf8').matchAll(/^\s+label:\s*(.+)$/gm)].map((m) => ({
      file,
      en: /\ben:\s*"([^"]+)"/.exec(m[1])?.[1],
      zh: /\bzh:\s*"([^"]+)"/.exec(m[1])?.[1],
    })),
  );

/** Visible text of the page (text nodes with a rendered box, and the options of every select), in chunks. */
async function visibleTexts(page: Page, root = 'body'): Promise<string[]> {
  const texts = await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(root)});
    if (!root) return [];
    const out = [];
    const skip = (el) => el.closest('script,style,code,kbd,[translate=no],[lang=en],.maplibregl-ctrl-attrib,#lang-toggle,[hidden]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent.trim();
      if (!el || !text || skip(el)) continue;
      if (el.tagName === 'OPTION') continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      out.push(text);
    }
    for (const sel of root.querySelectorAll('select')) {
      if (skip(sel) || !sel.checkVisibility({ visibilityProperty: true })) continue;
      for (const o of sel.options) if (o.textContent.trim()) out.push(o.textContent.trim());
    }
    return out;
  })()`);
  return Array.isArray(texts) ? texts.map(String) : [];
}

function latinLeft(text: string): string {
  let rest = text;
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  return /[A-Za-z]/.test(rest) ? text : '';
}

/** A text that writes lengths both ways: 米 and a Latin "m" or "ft" after a number ("限值 30 m · 海拔 6 米"). */
const mixesUnits = (text: string): boolean => /米/.test(text) && /\d\s?(?:m|ft)\b/.test(text);

describe.skipIf(!hasChromium)('繁中: no English left after the language switch', () => {
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

  it('the allow-list lets ids, units and citations through and nothing else', () => {
    expect(latinLeft('高度 120 m AGL（Cap. 448G s. 12）')).toBe('');
    expect(latinLeft('tst-hobbyist · op.height.a2')).toBe('');
    expect(latinLeft('../shared/domain/hk-drone-law.md §5.2 HKIA_RFZ')).toBe('');
    expect(latinLeft('Needs permission')).not.toBe('');
    expect(latinLeft('需要許可 Play')).not.toBe('');
    expect(latinLeft('《小型無人機令》（第448G章） 第3(2)(a)條')).toBe('');
    expect(latinLeft('Cap. 448G CAD: Operating Requirements')).not.toBe('');
    expect(mixesUnits('量度值 22.2 m · 限值 30 m · 第 1 段 · 海拔 6 米')).toBe(true);
    expect(mixesUnits('量度值 22.2 米 · 限值 30 米 · 第 1 段 · 海拔 6 米')).toBe(false);
  });

  it('a zone popup opened after the switch: names, class, effect, limits and provenance in Chinese', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await page.locator('#lang-toggle').click();
    await waitRendered(page, ['zones-fill'], 5);
    // the airport zone (as in map.test.ts): its popup has every kind of row
    await page.evaluate('window.__sua.map.jumpTo({ center: [113.92, 22.31], zoom: 12 })');
    await waitRendered(page, ['zones-fill'], 1);
    const box = await page.locator('#map canvas').boundingBox();
    if (!box) throw new Error('no map canvas');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const popup = page.locator('.maplibregl-popup .zone-popup').first();
    await popup.waitFor({ timeout: 10_000 });
    expect(await popup.locator('h3').textContent()).toContain('香港國際機場');
    const texts = await visibleTexts(page, '.maplibregl-popup');
    expect(texts.length).toBeGreaterThan(5);
    const left = [...new Set(texts.map(latinLeft).filter(Boolean))];
    await screenshot(page, 'zh-zone-popup');
    expect(left, left.join('\n')).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('every scenario flight is named in both languages, the Chinese name in Chinese', () => {
    expect(SCENARIO_LABELS.length).toBeGreaterThan(20);
    for (const l of SCENARIO_LABELS) {
      expect(l.en, `${l.file}: a flight label without {en, zh}`).toBeTruthy();
      expect(l.zh ?? '', `${l.file}: ${l.en}`).toMatch(/\p{Script=Han}/u);
      expect(latinLeft(l.zh ?? ''), `${l.file}: ${l.zh}`).toBe('');
    }
  });

  it('aircraft labels on the live map follow the language switch, both ways', async () => {
    const { page } = await openApp(browser, server, 'live');
    await page.locator('[data-testid=play]:not([disabled])').first().waitFor({ timeout: 90_000 });
    const labelTexts = () => page.locator('.ac-label:not([hidden])').allTextContents();
    await page.locator('.ac-label:not([hidden])').first().waitFor({ timeout: 60_000 });
    const english = await labelTexts();
    const en = SCENARIO_LABELS.map((l) => l.en ?? '');
    const zh = SCENARIO_LABELS.map((l) => l.zh ?? '');
    expect(english.length).toBeGreaterThan(0);
    for (const text of english)
      expect(
        en.some((name) => text.startsWith(name)),
        text,
      ).toBe(true);

    await page.locator('#lang-toggle').click();
    await page.waitForFunction('document.documentElement.lang === "zh-Hant-HK"');
    await page.waitForFunction(
      `[...document.querySelectorAll('.ac-label:not([hidden])')].every((el) => /\\p{Script=Han}/u.test(el.textContent))`,
      undefined,
      { timeout: 10_000 },
    );
    const chinese = await labelTexts();
    expect(chinese.length).toBeGreaterThan(0);
    for (const text of chinese) {
      expect(
        zh.some((name) => text.startsWith(name)),
        text,
      ).toBe(true);
      expect(latinLeft(text), text).toBe('');
    }
    await screenshot(page, 'zh-live-aircraft-labels');

    await page.locator('#lang-toggle').click();
    await page.waitForFunction(
      `[...document.querySelectorAll('.ac-label:not([hidden])')].every((el) => !/\\p{Script=Han}/u.test(el.textContent))`,
      undefined,
      { timeout: 10_000 },
    );
    await page.context().close();
  }, 240_000);

  it('the selected aircraft box (name, model, findings) after the switch is in Chinese', async () => {
    const { page } = await openApp(browser, server, 'live');
    const item = page.locator('[data-testid=feed] li.finding').first();
    await item.waitFor({ timeout: 120_000 });
    await page.locator('#lang-toggle').click();
    await page.waitForFunction('document.documentElement.lang === "zh-Hant-HK"');
    await page.locator('[data-testid=feed] li.finding button.finding-show').first().click();
    const box = page.locator('.selected-box:not([hidden])');
    await box.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    const texts = await visibleTexts(page, '.selected-box');
    expect(texts.join(' ')).toMatch(/\p{Script=Han}/u);
    const left = [...new Set(texts.map(latinLeft).filter(Boolean))];
    await screenshot(page, 'zh-live-selected');
    expect(left, left.join('\n')).toEqual([]);
    expect(texts.filter(mixesUnits)).toEqual([]);
    await page.context().close();
  }, 240_000);

  for (const view of VIEW_CASES) {
    it(`${view.name}: every visible string is in Chinese`, async () => {
      const page = await openView(browser, server, view);
      await page.locator('#lang-toggle').click();
      await page.waitForFunction('document.documentElement.lang === "zh-Hant-HK"');
      // the switch re-renders in place: the view is still the one open
      expect(await page.evaluate('document.body.dataset.view')).toBe(view.hash);
      await page.waitForTimeout(500);
      const texts = await visibleTexts(page);
      const left = [...new Set(texts.map(latinLeft).filter(Boolean))];
      await screenshot(page, `zh-${view.name}`);
      expect(left, left.join('\n')).toEqual([]);
      expect(texts.filter(mixesUnits)).toEqual([]);
      await page.context().close();
    }, 240_000);
  }
});
