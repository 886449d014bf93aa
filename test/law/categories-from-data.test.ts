import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, loadRulebook } from '../../rules/src/engine/index.js';
import { FlightPlan, Report } from '../../rules/src/model/index.js';
import { resolveRulebookRef } from '../../server/src/data/rulebooks.js';
import { REPO } from '../cli/run-cli.js';
import { BASE, check, createPermission, createPlan, east, rulebooks } from '../engine/helpers.js';

/** Categories, their mass bands, triggers and permission rules are data: category D comes from a fixture. */
const { all, rb2025 } = rulebooks();
const withD = resolveRulebookRef(join(REPO, 'test/law/fixtures/category-d.yaml'), all);
const [lon, lat] = BASE;
const heavy = (kg: number, altM = 50) =>
  createPlan({
    start: '2030-03-14T10:00:00+08:00',
    aircraft: { mass: { value: kg, unit: 'kg' }, maxDimensionM: 3 },
    route: {
      coordinates: [
        [lon, lat, altM],
        [east(lon, lat, 200), lat, altM],
      ],
      legSpeeds: [{ value: 30, unit: 'km/h' }],
    },
  });

describe('a category added by data (hypothetical category D, 150–600 kg)', () => {
  it('classifies by its mass band, with its name and its own column', () => {
    const c = classify(FlightPlan.parse(heavy(300)).aircraft, withD);
    expect(c).toMatchObject({ category: 'D', column: 'D', categoryName: { en: 'category D', zh: '丁類' } });
    expect(c.scopeMaxKg).toBe(600);
    expect(classify(FlightPlan.parse(heavy(150)).aircraft, withD).category).toBe('C');
  });
  it('raises its own trigger, is reported, and applies the rules of its column only', () => {
    const r = check(heavy(300, 70), { rulebook: withD });
    expect(Report.parse(r)).toEqual(r);
    expect(r).toMatchObject({ category: 'D', column: 'D', verdict: 'permission-required' });
    expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(['category-d', 'height']);
    expect(r.permissionsRequired[0].message).toEqual({
      en: 'CAD permission is needed for operating a category D aircraft.',
      zh: '操作D類無人機須獲民航處許可。',
    });
    const finding = r.findings.find((f) => f.ruleId === 'category-d');
    expect(finding?.message.zh).toMatch(/^操作丁類無人機（300 公斤）須獲民航處許可。$/);
    expect(r.findings.filter((f) => f.ruleId.startsWith('op.height')).map((f) => f.ruleId)).toEqual(['op.height.d']);
    // Under the 2025 rulebook the same aircraft is outside the Order.
    expect(check(heavy(300, 70), { rulebook: rb2025 }).category).toBe('out-of-scope');
  });
  it('a permission covering category-d for category D aircraft covers it', () => {
    const permission = createPermission({
      covers: ['category-d'],
      aircraft: { maxMass: { value: 600, unit: 'kg' }, categories: ['D'] },
      validity: [{ from: '2030-01-01T00:00:00+08:00', to: '2030-12-31T23:59:59+08:00' }],
    });
    const r = check(
      { ...heavy(300), permissions: ['test-permission'] },
      { rulebook: withD, permissions: [permission] },
    );
    expect(
      r.findings.filter((f) => !f.covered && f.effect !== 'advisory').map((f) => [f.ruleId, f.message.en]),
    ).toEqual([]);
    expect(r.verdict).toBe('compliant');
    expect(r.findings.find((f) => f.ruleId === 'category-d')?.covered).toEqual({ permissionId: 'test-permission' });
  });
  it('above the top band is outside the Order, with the new limit', () => {
    const r = check(heavy(601), { rulebook: withD });
    expect(r).toMatchObject({ category: 'out-of-scope', verdict: 'non-compliant' });
    expect(r.findings.find((f) => f.ruleId === 'scope')?.message.en).toContain('heavier than 600 kg');
  });
  it('the loader refuses a category or column the classification does not declare', () => {
    const bad = structuredClone(withD);
    const i = bad.rules.findIndex((r) => r.id === 'category-d');
    bad.rules[i].params = { category: 'E' };
    bad.rules[i].appliesTo = { columns: ['E'] };
    const r = loadRulebook(bad);
    expect(r.ok ? [] : r.issues.map((x) => `${x.path.join('.')}: ${x.message}`)).toEqual([
      `rules.${i}.appliesTo.columns: column "E" has no category in this rulebook's classification`,
      `rules.${i}.params.category: category "E" is not in this rulebook's classification`,
    ]);
  });
});
