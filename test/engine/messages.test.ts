import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyDraft, evaluate, render, validatePlan } from '../../rules/src/engine/index.js';
import { hasTemplate, permissionRequiredText } from '../../rules/src/engine/messages.js';
import { MessageParams, renderMessage } from '../../rules/src/messages/index.js';
import { type Report, type Rulebook, Trigger } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinDrafts } from '../../server/src/data/rulebooks.js';
import { BASE, check, createPermission, createPlan, east, rulebooks, squareZone } from './helpers.js';

const KINDS = fileURLToPath(new URL('../../rules/src/kinds/', import.meta.url));
const ENGINE = fileURLToPath(new URL('../../rules/src/engine/', import.meta.url));

/** Message codes written literally in the rule kinds and the engine (`code: '…'` or template codes). */
function codesInSource(): string[] {
  const codes = new Set<string>();
  for (const dir of [KINDS, ENGINE])
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'messages.ts')) {
      const text = readFileSync(dir + f, 'utf8');
      for (const m of text.matchAll(/code: '([a-z-]+\.[a-zA-Z.-]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/code: `([a-z-]+)\.\$\{[^}]+\}`/g)) codes.add(`${m[1]}.*`);
    }
  return [...codes].sort();
}

describe('messages', () => {
  it('every literal message code has a template in both languages', () => {
    const literal = codesInSource().filter((c) => !c.endsWith('.*'));
    expect(literal.length).toBeGreaterThan(20);
    for (const code of literal) expect(hasTemplate(code), code).toBe(true);
  });
  it('the computed codes (registration subjects, equipment items, zone outcomes) all have templates', () => {
    for (const code of [
      'registration.aircraft',
      'registration.remote-pilot',
      'registration.responsible-person',
      'equipment.flightLog',
      'equipment.geoAwareness',
      'equipment.failSafe',
      'equipment.remoteId',
      'zone-entry.prohibited',
      'zone-entry.requires-permission',
      'zone-entry.advisory',
    ])
      expect(hasTemplate(code), code).toBe(true);
  });
  it('renders values and localized names in each language', () => {
    const t = render(
      { code: 'lateral-distance.zone', data: { zone: { en: 'Crowd', zh: '人群' }, zoneId: 'c1' } },
      { value: 12.5, unit: 'm' },
      { value: 30, unit: 'm' },
    );
    expect(t.en).toBe('The aircraft comes within 12.5 m of Crowd (c1); the minimum is 30 m.');
    expect(t.zh).toBe('無人機與人群（c1）距離 12.5 米，最少須保持 30 米。');
  });
  it('words units in Chinese as the client does (米, 呎, 公里/小時, 公斤); English keeps the symbols', () => {
    const height = render(
      { code: 'max-height.exceeded' },
      { value: 130.5, unit: 'ft AGL' },
      { value: 120, unit: 'ft AGL' },
    );
    expect(height).toEqual({
      en: 'Height 130.5 ft AGL exceeds the limit of 120 ft AGL.',
      zh: '高度 130.5 呎 AGL 超過上限 120 呎 AGL。',
    });
    const speed = render({ code: 'max-speed.exceeded' }, { value: 62.5, unit: 'km/h' }, { value: 50, unit: 'km/h' });
    expect(speed.en).toBe('Speed 62.5 km/h exceeds the limit of 50 km/h.');
    expect(speed.zh).toBe('速度 62.5 公里/小時 超過上限 50 公里/小時。');
    const mass = render({ code: 'scope.out' }, { value: 160, unit: 'kg' }, { value: 150, unit: 'kg' });
    expect(mass.en).toContain('160 kg');
    expect(mass.zh).toBe('無人機重 160 公斤，超過 150 公斤：不屬本命令範圍，不能以小型無人機許可涵蓋。');
    const age = render({ code: 'pilot-age.under' }, { value: 16, unit: 'years' }, { value: 18, unit: 'years' });
    expect(age.zh).toBe('遙距駕駛員年齡為 16 歲，最低要求為 18 歲。');
  });
  it('formats money, the same in both languages', () => {
    const t = render({ code: 'insurance.none' }, undefined, { value: 10_000_000, unit: 'HKD' });
    expect(t.en).toContain('HK$10,000,000');
    expect(t.zh).toContain('HK$10,000,000');
  });
  it('has a permission sentence for every trigger', () => {
    for (const t of Trigger.options) {
      const s = permissionRequiredText(t);
      expect(s.en).toMatch(/^CAD permission is needed for /);
      expect(s.zh).toMatch(/須獲民航處許可。$/);
    }
  });
  it('an unknown code renders as itself instead of throwing', () => {
    expect(render({ code: 'no.such' })).toEqual({ en: 'no.such', zh: 'no.such' });
  });
});

/** A number followed by a unit symbol in Latin script ("22.24 m", "120 ft AGL", "50km/h"): English units in 繁中. */
const LATIN_UNIT_AFTER_NUMBER = /\d\s?(?:km\/h|m\/s|km|kt|kg|ft|min|m|g|s)(?![A-Za-z])/;

/** Every Chinese text in a report: each {en, zh} text, and each code + params worded anew in 繁中. */
function chineseTexts(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) chineseTexts(v, out);
  else if (typeof x === 'object' && x !== null) {
    const o: Record<string, unknown> = { ...x };
    if (typeof o.zh === 'string' && typeof o.en === 'string') out.push(o.zh);
    const params = MessageParams.safeParse(o.params);
    if (typeof o.code === 'string' && params.success) out.push(renderMessage(o.code, params.data, 'zh-Hant'));
    for (const v of Object.values(o)) chineseTexts(v, out);
  }
  return out;
}

describe('units in the Chinese text of the example plans’ reports', () => {
  const PLANS = fileURLToPath(new URL('../../scenarios/plans/', import.meta.url));
  const { all } = rulebooks();
  const drafts = loadBuiltinDrafts().flatMap((d): Rulebook[] => {
    const base = all.find((r) => r.id === d.base);
    const applied = base && applyDraft(base, d);
    return applied?.ok ? [applied.rulebook] : [];
  });
  const catalogue = loadCatalogue();
  const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
  const permissions = loadBuiltinPermissions();
  const reports: [string, Report][] = readdirSync(PLANS)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const v = validatePlan(JSON.parse(readFileSync(join(PLANS, file), 'utf8')));
      if (!v.ok) throw new Error(file);
      const plan = v.plan;
      return [...all, ...drafts].map((rulebook): [string, Report] => [
        `${file}@${rulebook.id}`,
        evaluate(plan, { rulebook, airspace, permissions }),
      ]);
    });
  // And a flight that breaks the limits measured in metres, km/h, years and aircraft, beside a crowd, under a
  // permission whose conditions it also breaks (height in feet, the aircraft's mass).
  const [lon, lat] = BASE;
  const reckless = createPlan({
    pilot: { age: 12 },
    operation: { aircraftPerPilot: 2, minDistanceFromUninvolvedM: 10, pilotPosition: [east(lon, lat, -900), lat] },
    route: { legSpeeds: [{ value: 80, unit: 'km/h' }] },
    permissions: [
      createPermission({
        conditions: { maxHeight: { value: 150, unit: 'ft', ref: 'AGL' } },
        aircraft: { maxMass: { value: 0.5, unit: 'kg' } },
      }),
    ],
  });
  reckless.route.coordinates = reckless.route.coordinates.map(([x, y]) => [x, y, 130]);
  reckless.route.legSpeeds = reckless.route.coordinates.slice(1).map(() => ({ value: 80, unit: 'km/h' }));
  const crowd = squareZone('crowd', 'uninvolved-persons', [east(lon, lat, 100), lat + 0.0003], 5);
  const boundary = squareZone('test-boundary', 'boundary', BASE, 10_000);
  reports.push(['reckless flight', check(reckless, { zones: [boundary, crowd] })]);

  it('no finding, permission entry or assumption writes a unit symbol after a number in 繁中', () => {
    const offenders = reports.flatMap(([name, r]) =>
      chineseTexts([r.findings, r.permissionsRequired, r.assumptions])
        .filter((zh) => LATIN_UNIT_AFTER_NUMBER.test(zh))
        .map((zh) => `${name}: ${zh}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the reports do word measured values and limits (in 米, 呎 …), so the check above has something to check', () => {
    const zh = reports.flatMap(([, r]) => chineseTexts(r.findings));
    for (const unit of ['米', '呎 AGL', '公斤', '公里/小時', '歲', '架', '分鐘（日光時間以外）'])
      expect(
        zh.some((t) => [...t.matchAll(/\d /g)].some((m) => t.startsWith(unit, (m.index ?? 0) + 2))),
        unit,
      ).toBe(true);
    // English is as it was: the symbols, after a number.
    const en = reports.flatMap(([, r]) => r.findings.map((f) => f.message.en));
    expect(en.some((t) => /\d ft AGL/.test(t))).toBe(true);
    expect(en.some((t) => /\d kg/.test(t))).toBe(true);
  });
});
