import { describe, expect, it } from 'vitest';
import { applyDraft } from '../../rules/src/engine/index.js';
import type { Draft, FlightPlanInput, Rulebook, Zone } from '../../rules/src/model/index.js';
import { BASE, boundaryZone, check, createPlan, east, lineRoute, rulebooks, squareZone } from '../engine/helpers.js';

/**
 * The law table: one row per rule of each rulebook, with a plan that passes it and one that breaks it
 * (at the boundary where the rule has a number). A rule added to a rulebook without a row fails the
 * completeness test.
 */
type Over = Parameters<typeof createPlan>[0];
interface Row {
  pass: FlightPlanInput;
  fail: FlightPlanInput;
  zones?: Zone[];
  /** Global parameters to set first (values the law leaves open). */
  globals?: Record<string, unknown>;
}

const { rb2022, rb2025 } = rulebooks();
const [lon, lat] = BASE;
const plan = (over: Over = {}) => createPlan(over);
const at = (altM: number, over: Over = {}) => {
  const p = createPlan(over);
  p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, altM]);
  return p;
};
const a1 = (over: Over = {}) => at(25, { ...over, aircraft: { mass: { value: 249, unit: 'g' }, ...over.aircraft } });
const speed = (kmh: number, over: Over = {}) =>
  at(25, {
    ...over,
    route: {
      legSpeeds: [
        { value: kmh, unit: 'km/h' },
        { value: kmh, unit: 'km/h' },
      ],
    },
  });
const adv = (over: Over = {}) => plan({ ...over, operation: { vlos: false, ...over.operation } });
const mass = (value: number, unit: 'g' | 'kg', over: Over = {}) =>
  plan({ ...over, aircraft: { mass: { value, unit }, maxDimensionM: 0.9, ...over.aircraft } });
const near = (effect: Zone['effect'], id: string) => squareZone(id, effect, [east(lon, lat, 100), lat], 30);
const away = (effect: Zone['effect'], id: string) => squareZone(id, effect, [east(lon, lat, 2000), lat], 30);

const rows: Record<string, Row> = {
  scope: { pass: mass(25, 'kg'), fail: mass(150.001, 'kg') },
  'category-b': { pass: mass(7, 'kg'), fail: mass(7.001, 'kg') },
  'category-c': { pass: mass(25, 'kg'), fail: mass(25.001, 'kg') },
  'dangerous-goods': { pass: plan(), fail: plan({ operation: { dangerousGoods: true } }) },
  rfz: {
    pass: plan({ extraZones: [away('restricted-flying-zone', 'r')] }),
    fail: plan({ extraZones: [near('restricted-flying-zone', 'r')] }),
  },
  'prohibition-448e': {
    pass: plan({ extraZones: [away('prohibition', 'p')] }),
    fail: plan({ extraZones: [near('prohibition', 'p')] }),
  },
  'aip-areas': {
    pass: plan({ extraZones: [away('advisory', 'a')] }),
    fail: plan({ extraZones: [near('advisory', 'a')] }),
  },
  'cross-boundary': {
    pass: plan(),
    fail: plan({ route: lineRoute([east(lon, lat, 9_900), lat], [east(lon, lat, 10_100), lat]) }),
  },
  'op.daylight': {
    pass: plan({ start: '2026-03-14T12:00:00+08:00' }),
    fail: plan({ start: '2026-03-14T23:00:00+08:00' }),
  },
  'op.vlos': { pass: plan(), fail: adv() },
  'op.height.a1': { pass: a1(), fail: at(30.5, { aircraft: { mass: { value: 249, unit: 'g' } } }) },
  'op.height.a2': { pass: at(91.44), fail: at(91.5) },
  'op.lateral.a1': {
    pass: a1({ operation: { minDistanceFromUninvolvedM: 10 } }),
    fail: a1({ operation: { minDistanceFromUninvolvedM: 9.9 } }),
  },
  'op.lateral.a2': {
    pass: plan({ operation: { minDistanceFromUninvolvedM: 30 } }),
    fail: plan({ operation: { minDistanceFromUninvolvedM: 29.9 } }),
  },
  'op.speed.a1': {
    pass: speed(20, { aircraft: { mass: { value: 249, unit: 'g' } } }),
    fail: speed(20.5, { aircraft: { mass: { value: 249, unit: 'g' } } }),
  },
  'op.speed.a2': { pass: speed(50), fail: speed(50.5) },
  'op.aircraft-per-pilot': { pass: plan(), fail: plan({ operation: { aircraftPerPilot: 2 } }) },
  'op.size': { pass: plan({ aircraft: { maxDimensionM: 1 } }), fail: plan({ aircraft: { maxDimensionM: 1.01 } }) },
  'op.persons-or-animals': { pass: plan(), fail: plan({ operation: { carriesPersonsOrAnimals: true } }) },
  'op.dropping': { pass: plan(), fail: plan({ operation: { droppingArticles: true } }) },
  'reg.aircraft.standard': { pass: plan(), fail: plan({ aircraft: { registration: null } }) },
  'reg.aircraft.advanced': { pass: adv(), fail: adv({ aircraft: { registration: null } }) },
  'reg.label.standard': { pass: plan(), fail: plan({ aircraft: { labelled: false } }) },
  'reg.label.advanced': { pass: adv(), fail: adv({ aircraft: { labelled: false } }) },
  'reg.pilot.standard': { pass: plan(), fail: plan({ pilot: { registered: false } }) },
  'reg.pilot.advanced': { pass: adv(), fail: adv({ pilot: { registered: false } }) },
  'reg.responsible-person.standard': { pass: plan(), fail: plan({ responsiblePerson: { registered: false } }) },
  'reg.responsible-person.advanced': { pass: adv(), fail: adv({ responsiblePerson: { registered: false } }) },
  'age.pilot.standard': { pass: plan({ pilot: { age: 14 } }), fail: plan({ pilot: { age: 13 } }) },
  'age.pilot.advanced': { pass: adv({ pilot: { age: 14 } }), fail: adv({ pilot: { age: 13 } }) },
  'age.responsible-person.standard': {
    pass: plan({ responsiblePerson: { age: 18 } }),
    fail: plan({ responsiblePerson: { age: 17 } }),
  },
  'age.responsible-person.advanced': {
    pass: adv({ responsiblePerson: { age: 18 } }),
    fail: adv({ responsiblePerson: { age: 17 } }),
  },
  'equipment.standard': { pass: plan(), fail: plan({ aircraft: { equipment: { geoAwareness: false } } }) },
  'equipment.advanced': { pass: adv(), fail: adv({ aircraft: { equipment: { flightLog: false } } }) },
  'advanced-rating': { pass: adv(), fail: adv({ pilot: { advancedRating: false } }) },
  'insurance.advanced': {
    pass: adv({ responsiblePerson: { insurance: { value: 10_000_000, unit: 'HKD' } } }),
    fail: adv({ responsiblePerson: { insurance: { value: 9_999_999, unit: 'HKD' } } }),
  },
  'insurance.a2': {
    globals: { a2InsuranceInForce: true, a2InsuranceMinimum: 2_000_000 },
    pass: plan({ responsiblePerson: { insurance: { value: 2_000_000, unit: 'HKD' } } }),
    fail: plan({ responsiblePerson: { insurance: { value: 1_999_999, unit: 'HKD' } } }),
  },
  'insurance.c': {
    globals: { categoryCInsuranceMinimum: 20_000_000 },
    pass: mass(30, 'kg', { responsiblePerson: { insurance: { value: 20_000_000, unit: 'HKD' } } }),
    fail: mass(30, 'kg', { responsiblePerson: { insurance: { value: 19_999_999, unit: 'HKD' } } }),
  },
  'record-keeping': { pass: plan(), fail: adv() },
};

function withGlobals(rb: Rulebook, globals: Record<string, unknown> | undefined): Rulebook {
  if (!globals) return rb;
  const draft: Draft = {
    id: 'law-table',
    title: 'Law table parameters',
    base: rb.id,
    changes: Object.entries(globals).map(([name, value]) => ({ op: 'set-global' as const, name, value })),
  };
  const r = applyDraft(rb, draft);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.rulebook;
}

describe.each([rb2022, rb2025])('$id law table', (base) => {
  it('has a row for every rule', () => {
    expect(base.rules.map((r) => r.id).filter((id) => !rows[id])).toEqual([]);
  });
  describe.each(base.rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const row = rows[id];
    const rulebook = withGlobals(base, row.globals);
    const zones = [boundaryZone(), ...(row.zones ?? [])];
    it('passes', () => {
      expect(check(row.pass, { rulebook, zones }).findings.filter((f) => f.ruleId === id)).toEqual([]);
    });
    it('fails, citing the rule and the rulebook version', () => {
      const found = check(row.fail, { rulebook, zones }).findings.filter((f) => f.ruleId === id);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0].provision).toEqual(rule.citation);
      expect(found[0].rulebookVersion).toBe(`${rulebook.id}@${rulebook.version}`);
      expect(found[0].message.en.length && found[0].message.zh.length).toBeGreaterThan(0);
    });
  });
});
