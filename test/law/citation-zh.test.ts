import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { citationLabel, Provision, sectionZh } from '../../rules/src/model/index.js';
import { DEFAULT_MONITOR_RULES } from '../../rules/src/sim/monitor-rules.js';

/**
 * Citations in 繁中: every provision the shipped data cites has its titles in Chinese (`instrumentZh`,
 * `documentZh`), the section is cited as Hong Kong's Chinese texts cite it, and no title is shown twice.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const files = (dir: string, ext: RegExp) =>
  readdirSync(join(REPO, dir))
    .filter((f) => ext.test(f))
    .map((f) => join(dir, f));
const DATA = [
  ...files('rules/data/rulebooks', /\.yaml$/),
  ...files('rules/data/permissions', /\.yaml$/),
  ...files('rules/data/drafts', /\.yaml$/),
  'rules/data/traffic/params.yaml',
  'rules/data/zones/hk-catalogue.json',
  ...files('scenarios', /\.yaml$/),
  ...files('scenarios/plans', /\.json$/),
];

/** Every object in the file shaped like a Provision (an instrument, a URL and `secondary`), with its path. */
function provisionsIn(file: string): { where: string; p: Provision }[] {
  const text = readFileSync(join(REPO, file), 'utf8');
  const data: unknown = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  const out: { where: string; p: Provision }[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) {
      for (const [i, v] of x.entries()) walk(v, `${path}[${i}]`);
    } else if (x !== null && typeof x === 'object') {
      if ('instrument' in x && 'url' in x && 'secondary' in x) out.push({ where: path, p: Provision.parse(x) });
      for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    }
  };
  walk(data, file);
  return out;
}

const shipped = [
  ...DATA.flatMap(provisionsIn),
  ...Object.values(DEFAULT_MONITOR_RULES).map((r) => ({ where: `monitor ${r.ruleId}`, p: r.provision })),
];
const zh = (p: Provision) => citationLabel(p, 'zh-Hant');
/** What may stay in Latin script in a Chinese citation: codes and terms of art, as in the 繁中 scan. */
const latinLeft = (s: string) =>
  s
    .replace(/\d+[A-Z]\b/g, '') // chapter numbers (448G)
    .replace(/第\d+[A-Z]?(?:\([0-9a-z]+\))*條/g, '') // sections: 第3(2)(a)條
    .replace(/\b(?:AIRAC|UTM|ENR|AN|FP|X|QGroundControl)\b/g, '')
    .match(/[A-Za-z]+/g);

describe('citations in Traditional Chinese', () => {
  it('a section as Hong Kong cites it in Chinese; anything else as written (no number is made up)', () => {
    expect(sectionZh('s.18')).toBe('第18條');
    expect(sectionZh('s.3(2)(d)')).toBe('第3(2)(d)條');
    expect(sectionZh('ENR 5.1')).toBe('ENR 5.1');
  });

  it('Cap. 448G s.18 reads as the Order in Chinese; English is unchanged; no Chinese title falls back to English', () => {
    const s18: Provision = {
      instrument: 'Cap. 448G',
      instrumentZh: '《小型無人機令》（第448G章）',
      section: 's.18',
      url: 'https://www.elegislation.gov.hk/hk/cap448G',
      secondary: false,
    };
    expect(citationLabel(s18, 'en')).toBe('Cap. 448G s.18');
    expect(zh(s18)).toBe('《小型無人機令》（第448G章） 第18條');
    const { instrumentZh: _, ...english } = s18;
    expect(zh(english)).toBe('Cap. 448G 第18條');
    const doc = { ...english, section: null, document: 'CAD: a page', secondary: true };
    expect(zh({ ...doc, documentZh: '民航處：某頁' })).toBe('Cap. 448G 民航處：某頁');
    expect(zh(doc)).toBe('Cap. 448G CAD: a page');
  });

  it('every provision the shipped data cites has its titles in Chinese, with no English left', () => {
    expect(shipped.length).toBeGreaterThan(40);
    const missing = shipped.filter(({ p }) => !p.instrumentZh || (p.document !== undefined && !p.documentZh));
    expect(missing.map((m) => `${m.where}: ${citationLabel(m.p, 'en')}`)).toEqual([]);
    for (const { where, p } of shipped) {
      expect(zh(p), where).toMatch(/\p{Script=Han}/u);
      expect(latinLeft(zh(p)), `${where}: ${zh(p)}`).toBeNull();
    }
    const order = shipped.filter(({ p }) => p.instrument === 'Cap. 448G').map(({ p }) => p.instrumentZh);
    expect(new Set(order)).toEqual(new Set(['《小型無人機令》（第448G章）']));
  });

  it('no Chinese citation shows a title twice (the document does not restate the instrument)', () => {
    for (const { where, p } of shipped) {
      const [instrument, document] = [p.instrumentZh ?? '', p.documentZh ?? ''];
      expect(document.includes(instrument) || (document !== '' && instrument.includes(document)), where).toBe(false);
      expect(zh(p), where).not.toMatch(/(\p{Script=Han}{6,}).*\1/u);
    }
  });

  it('the Transport and Logistics Bureau sandbox is named once, in both languages', () => {
    const tlb = DEFAULT_MONITOR_RULES.separation.provision;
    expect(zh(tlb)).toBe('低空經濟監管沙盒（運輸及物流局）');
    expect(citationLabel(tlb, 'en').match(/Regulatory Sandbox/g)).toHaveLength(1);
  });
});
