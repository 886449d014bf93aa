import { describe, expect, it } from 'vitest';
import { getKind, ruleKinds } from '../../rules/src/kinds/index.js';
import type { BoundRule, Hit } from '../../rules/src/kinds/types.js';
import { createCtx, createSample, rule, zone } from './helpers.js';

function bind(kind: string, params: unknown): BoundRule {
  const k = getKind(kind);
  if (!k) throw new Error(`no kind ${kind}`);
  const b = k.bind(params);
  if (!b.ok) throw new Error(b.error.message);
  return b.bound;
}
const plan = (kind: string, params: unknown, ctx = createCtx()): Hit[] =>
  bind(kind, params).checkPlan?.(ctx, rule) ?? [];
const sample = (kind: string, params: unknown, s = createSample(), ctx = createCtx()): Hit[] =>
  bind(kind, params).checkSample?.(s, ctx, rule) ?? [];

describe('registry', () => {
  it('has unique kind names, each with a summary and a check function', () => {
    const names = ruleKinds.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const k of ruleKinds) expect(k.summary.length).toBeGreaterThan(10);
  });
  it('rejects unknown parameters (strict schemas) and missing units', () => {
    expect(getKind('max-height')?.bind({ limit: { value: 300, unit: 'ft', ref: 'AGL' }, extra: 1 }).ok).toBe(false);
    expect(getKind('max-height')?.bind({ limit: { value: 300, ref: 'AGL' } }).ok).toBe(false);
    expect(getKind('max-speed')?.bind({ limit: { value: 50, unit: 'mph' } }).ok).toBe(false);
  });
  it('a zone rule needing permission must name its trigger', () => {
    const b = getKind('zone-entry')?.bind({ zoneEffect: 'restricted-flying-zone', outcome: 'requires-permission' });
    expect(b?.ok).toBe(false);
  });
});

describe('plan-level kinds', () => {
  it('registration: each subject', () => {
    expect(plan('registration', { subject: 'aircraft', effect: 'prohibited' })).toEqual([]);
    const ctx = createCtx({ aircraft: { ...createCtx().aircraft, registration: null } });
    expect(plan('registration', { subject: 'aircraft', effect: 'prohibited' }, ctx)).toMatchObject([
      { effect: 'prohibited' },
    ]);
    const p = createCtx({ pilot: { age: 30, registered: false, advancedRating: false } });
    expect(plan('registration', { subject: 'remote-pilot', effect: 'prohibited' }, p)).toMatchObject([
      { effect: 'prohibited' },
    ]);
    // No permission supplies a registration (issue 13): a rulebook cannot make it "requires-permission".
    expect(getKind('registration')?.bind({ subject: 'remote-pilot', effect: 'requires-permission' }).ok).toBe(false);
    expect(
      plan(
        'registration',
        { subject: 'responsible-person', effect: 'prohibited' },
        createCtx({ responsiblePerson: undefined }),
      ),
    ).toEqual([]);
  });
  it('pilot-age: exactly the minimum passes', () => {
    const at = (age: number) =>
      plan(
        'pilot-age',
        { min: { value: 14, unit: 'years' } },
        createCtx({ pilot: { age, registered: true, advancedRating: false } }),
      );
    expect(at(14)).toEqual([]);
    expect(at(13)).toMatchObject([
      { effect: 'prohibited', measured: { value: 13, unit: 'years' }, limit: { value: 14, unit: 'years' } },
    ]);
  });
  it('insurance: null minimum or not in force checks nothing', () => {
    expect(plan('insurance', { min: null, effect: 'prohibited' })).toEqual([]);
    expect(plan('insurance', { min: { value: 1, unit: 'HKD' }, inForce: false, effect: 'prohibited' })).toEqual([]);
    expect(plan('insurance', { min: { value: 1, unit: 'HKD' }, effect: 'prohibited' })).toMatchObject([
      { msg: { code: 'insurance.none' } },
    ]);
  });
  it('equipment: one hit per missing item', () => {
    const ctx = createCtx({
      aircraft: {
        ...createCtx().aircraft,
        equipment: { flightLog: false, geoAwareness: false, failSafe: true, remoteId: true },
      },
    });
    expect(
      plan('equipment', { required: ['flightLog', 'geoAwareness', 'failSafe'], effect: 'prohibited' }, ctx),
    ).toHaveLength(2);
  });
  it('max-dimension: the longest dimension, or the rotor-tip span when that is the longest', () => {
    const ac = (maxDimensionM: number, rotorTipSpanM?: number) =>
      createCtx({ aircraft: { ...createCtx().aircraft, maxDimensionM, rotorTipSpanM } });
    const p = { limit: { value: 1, unit: 'm' }, rotorTipLimit: { value: 1.2, unit: 'm' } };
    expect(plan('max-dimension', p, ac(1))).toEqual([]);
    expect(plan('max-dimension', p, ac(1.1))).toHaveLength(1);
    expect(plan('max-dimension', p, ac(1.15, 1.15))).toEqual([]);
    expect(plan('max-dimension', p, ac(1.3, 1.1))).toMatchObject([{ msg: { code: 'max-dimension.exceeded' } }]);
    expect(plan('max-dimension', p, ac(1.25, 1.25))).toMatchObject([{ msg: { code: 'max-dimension.rotor-tips' } }]);
  });
  it('category-permission only for its category', () => {
    expect(plan('category-permission', { category: 'B' })).toEqual([]);
    expect(plan('category-permission', { category: 'B' }, createCtx({ category: 'B', column: 'B' }))).toMatchObject([
      { trigger: 'category-b' },
    ]);
  });
  it('scope: out of scope is prohibited with mass and limit', () => {
    expect(
      plan('scope', {}, createCtx({ category: 'out-of-scope', column: null, massKg: 151, scopeMaxKg: 150 })),
    ).toMatchObject([
      { effect: 'prohibited', measured: { value: 151, unit: 'kg' }, limit: { value: 150, unit: 'kg' } },
    ]);
  });
});

describe('per-sample kinds', () => {
  it('max-height compares AGL or AMSL, in the limit unit, boundary inclusive', () => {
    const ft = { limit: { value: 300, unit: 'ft', ref: 'AGL' } };
    expect(sample('max-height', ft, createSample({ aglM: 91.44 }))).toEqual([]);
    expect(sample('max-height', ft, createSample({ aglM: 91.5 }))).toMatchObject([
      { trigger: 'height', measured: { unit: 'ft AGL' } },
    ]);
    const amsl = { limit: { value: 100, unit: 'm', ref: 'AMSL' } };
    expect(sample('max-height', amsl, createSample({ aglM: 50, altAmslM: 150 }))).toHaveLength(1);
    expect(sample('max-height', amsl, createSample({ aglM: 150, altAmslM: 90 }))).toEqual([]);
  });
  it('max-speed converts units', () => {
    const p = { limit: { value: 10, unit: 'm/s' } };
    expect(sample('max-speed', p, createSample({ groundSpeedKmh: 36 }))).toEqual([]);
    expect(sample('max-speed', p, createSample({ groundSpeedKmh: 37 }))).toMatchObject([
      { measured: { value: 10.28, unit: 'm/s' } },
    ]);
  });
  it('vlos: the declaration, and a range when the rulebook sets one', () => {
    expect(plan('vlos', {})).toEqual([]);
    const bvlos = createCtx({ operation: { ...createCtx().operation, vlos: false } });
    expect(plan('vlos', {}, bvlos)).toMatchObject([{ trigger: 'bvlos' }]);
    expect(sample('vlos', { maxRange: null }, createSample({ lon: 114.4 }))).toEqual([]);
    expect(sample('vlos', { maxRange: { value: 500, unit: 'm' } }, createSample({ lon: 114.304 }))).toEqual([]);
    expect(sample('vlos', { maxRange: { value: 500, unit: 'm' } }, createSample({ lon: 114.306 }))).toMatchObject([
      { trigger: 'bvlos', msg: { code: 'vlos.range' } },
    ]);
  });
  it('zone-entry: only zones with the rule effect (and class, when given)', () => {
    const rfz = zone('a', 'restricted-flying-zone');
    const adv = zone('b', 'advisory', 'aip-danger');
    const p = {
      zoneEffect: 'restricted-flying-zone',
      outcome: 'requires-permission',
      trigger: 'restricted-flying-zone',
    };
    expect(sample('zone-entry', p, createSample({ zones: [rfz, adv] }))).toMatchObject([
      { zoneId: 'a', trigger: 'restricted-flying-zone' },
    ]);
    expect(sample('zone-entry', { ...p, zoneClasses: ['airport'] }, createSample({ zones: [rfz] }))).toEqual([]);
    expect(
      sample('zone-entry', { zoneEffect: 'prohibition', outcome: 'prohibited' }, createSample({ zones: [rfz] })),
    ).toEqual([]);
  });
  it('cross-boundary: outside every boundary zone', () => {
    const inside = createSample({ zones: [zone('hk', 'boundary', 'hksar-boundary')] });
    expect(sample('cross-boundary', {}, inside)).toEqual([]);
    expect(sample('cross-boundary', {}, createSample())).toMatchObject([{ trigger: 'cross-boundary' }]);
    const noBoundary = createCtx({ zoneEffectsPresent: new Set() });
    expect(sample('cross-boundary', {}, createSample(), noBoundary)).toEqual([]);
    expect(plan('cross-boundary', {}, noBoundary)).toMatchObject([{ effect: 'advisory' }]);
  });
  it('lateral-distance: at least the limit; distance to uninvolved-persons zones', () => {
    const crowd = zone('crowd', 'uninvolved-persons', 'crowd');
    const p = { limit: { value: 30, unit: 'm' } };
    expect(sample('lateral-distance', p, createSample({ nearby: [{ zone: crowd, distanceM: 30 }] }))).toEqual([]);
    expect(sample('lateral-distance', p, createSample({ nearby: [{ zone: crowd, distanceM: 29.5 }] }))).toMatchObject([
      { zoneId: 'crowd', worse: 'min' },
    ]);
    expect(plan('lateral-distance', { limit: { value: 200, unit: 'ft' } })).toMatchObject([
      { limit: { value: 60.96, unit: 'm' }, measured: { value: 50, unit: 'm' } },
    ]);
  });
});
