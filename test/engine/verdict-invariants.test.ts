import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../rules/src/engine/index.js';
import type { FlightPlanInput, PermissionTrigger, Report } from '../../rules/src/model/index.js';
import { exitCodeOf } from '../../server/src/cli/commands/check.js';
import { airspace, BASE, boundaryZone, createPermission, createPlan, east, north, rulebooks } from './helpers.js';

/**
 * Issue 13 item 6: the verdict, `permissionsRequired` and the exit code agree for every plan, and the
 * prerequisites no permission can supply (rating, insurance, registration, label, age, equipment) are
 * prohibited findings, never "permission-required" with nothing to apply for.
 */
const { rb2022, rb2025 } = rulebooks();
const [lon, lat] = BASE;
// Built once: the test boundary (about 20 km across) and nothing else, over sea level.
const index = airspace([boundaryZone()]);

const PREREQUISITE_KINDS = new Set([
  'advanced-rating',
  'insurance',
  'registration',
  'labelling',
  'pilot-age',
  'responsible-person-age',
  'equipment',
]);

const TRIGGERS: PermissionTrigger[] = [
  'night',
  'bvlos',
  'height',
  'lateral-distance',
  'speed',
  'aircraft-per-pilot',
  'size',
  'category-b',
  'category-c',
  'cross-boundary',
];

const masses = fc.constantFrom(
  { value: 200, unit: 'g' as const },
  { value: 720, unit: 'g' as const },
  { value: 5, unit: 'kg' as const },
  { value: 15, unit: 'kg' as const },
  { value: 24, unit: 'kg' as const },
  { value: 30, unit: 'kg' as const },
  { value: 140, unit: 'kg' as const },
  { value: 160, unit: 'kg' as const },
);
const insurance = fc.constantFrom(null, 5_000_000, 10_000_000, 20_000_000);

const planArb: fc.Arbitrary<FlightPlanInput> = fc
  .record({
    mass: masses,
    a1Exemption: fc.boolean(),
    registered: fc.boolean(),
    labelled: fc.boolean(),
    equipment: fc.tuple(fc.boolean(), fc.boolean()),
    pilotAge: fc.constantFrom(12, 14, 17, 30),
    pilotRegistered: fc.boolean(),
    rating: fc.boolean(),
    rpAge: fc.constantFrom(16, 18, 45),
    rpRegistered: fc.boolean(),
    cover: insurance,
    vlos: fc.boolean(),
    perPilot: fc.constantFrom(1, 2),
    distance: fc.constantFrom(10, 30, 50),
    hour: fc.integer({ min: 0, max: 23 }),
    heightM: fc.integer({ min: 5, max: 200 }),
    speedKmh: fc.integer({ min: 5, max: 120 }),
    // Most routes stay inside the test boundary; some leave it (its edge is 10 km east of BASE).
    legEastM: fc.oneof(fc.integer({ min: 50, max: 800 }), fc.constant(10_300)),
    legNorthM: fc.integer({ min: -300, max: 300 }),
    permission: fc.option(fc.subarray(TRIGGERS, { minLength: 1 }), { nil: undefined }),
  })
  .map((g) =>
    createPlan({
      aircraft: {
        mass: g.mass,
        registration: g.registered ? 'UA-TEST-0001' : null,
        labelled: g.labelled,
        a1Exemption: g.a1Exemption,
        equipment: { flightLog: g.equipment[0], geoAwareness: g.equipment[1], failSafe: true, remoteId: true },
      },
      pilot: { age: g.pilotAge, registered: g.pilotRegistered, advancedRating: g.rating },
      responsiblePerson: {
        age: g.rpAge,
        registered: g.rpRegistered,
        insurance: g.cover === null ? null : { value: g.cover, unit: 'HKD' },
      },
      operation: { vlos: g.vlos, aircraftPerPilot: g.perPilot, minDistanceFromUninvolvedM: g.distance },
      route: {
        type: 'LineString',
        coordinates: [
          [lon, lat, g.heightM],
          [east(lon, lat, g.legEastM), north(lat, g.legNorthM), g.heightM],
        ],
        altitudeRef: 'AGL',
        legSpeeds: [{ value: g.speedKmh, unit: 'km/h' }],
      },
      start: `2026-03-14T${String(g.hour).padStart(2, '0')}:15:00+08:00`,
      permissions: g.permission
        ? [
            createPermission({
              covers: g.permission,
              area: {
                type: 'Corridor',
                line: [
                  [east(lon, lat, -100), lat],
                  [east(lon, lat, 11_000), lat],
                ],
                halfWidthM: 400,
              },
              altitudeBand: { upper: { value: 250, unit: 'm', ref: 'AGL' } },
              aircraft: { maxMass: { value: 150, unit: 'kg' } },
            }),
          ]
        : [],
    }),
  );

function assertInvariants(r: Report): void {
  // Exit 0 only for a compliant flight, whatever else the report says.
  expect(exitCodeOf(r)).toBe(r.verdict === 'compliant' ? 0 : 1);
  if (r.verdict === 'not-flyable') return; // physical, judged before the law (not on sea-level ground)
  const open = r.findings.filter((f) => !f.covered);
  const prohibited = open.filter((f) => f.effect === 'prohibited');
  const needsPermission = open.filter((f) => f.effect === 'requires-permission');

  expect(r.verdict === 'permission-required').toBe(r.permissionsRequired.length > 0 && prohibited.length === 0);
  expect(r.verdict === 'non-compliant').toBe(prohibited.length > 0);
  expect(r.verdict === 'compliant').toBe(prohibited.length === 0 && needsPermission.length === 0);

  // Every open permission finding names a trigger CAD can grant, and that trigger is listed.
  const listed = new Set(r.permissionsRequired.map((p) => p.trigger));
  for (const f of needsPermission) {
    expect(f.trigger, `${f.ruleId} requires permission without a trigger`).toBeDefined();
    expect(listed.has(f.trigger as PermissionTrigger)).toBe(true);
  }
  // What no permission can supply is prohibited.
  for (const f of open)
    if (PREREQUISITE_KINDS.has(f.kind)) expect(f.effect, `${f.ruleId} (${f.kind})`).toBe('prohibited');
}

describe('verdict invariants (property)', () => {
  it('hold for 1,000 generated plans (either rulebook, drawn per plan)', () => {
    let seen = 0;
    const verdicts = new Set<string>();
    fc.assert(
      fc.property(planArb, fc.boolean(), (plan, newer) => {
        const r = evaluate(plan, { rulebook: newer ? rb2025 : rb2022, airspace: index });
        verdicts.add(r.verdict);
        seen++;
        assertInvariants(r);
      }),
      { numRuns: 1000, seed: 13_448 },
    );
    expect(seen).toBeGreaterThanOrEqual(1000);
    // The generator reaches every legal verdict, so the property is not vacuous.
    expect([...verdicts].sort()).toEqual(['compliant', 'non-compliant', 'permission-required']);
  });
});

describe('prerequisites no permission can supply (issue 13)', () => {
  const categoryB = (over: Parameters<typeof createPlan>[0]) =>
    createPlan({
      aircraft: { mass: { value: 15, unit: 'kg' } },
      permissions: [createPermission({ covers: ['category-b', 'height'] })],
      ...over,
    });

  it('a category B flight with a permission but no advanced rating is non-compliant, naming the rating', () => {
    const r = evaluate(categoryB({ pilot: { advancedRating: false } }), { rulebook: rb2025, airspace: index });
    expect(r.verdict).toBe('non-compliant');
    expect(r.permissionsRequired).toEqual([]);
    const f = r.findings.find((x) => x.kind === 'advanced-rating');
    expect(f?.effect).toBe('prohibited');
    expect(f?.message.en).toMatch(/obtain an advanced rating/i);
  });

  it('HK$5 M insurance where HK$10 M is required is non-compliant, naming the cover to obtain', () => {
    const r = evaluate(categoryB({ responsiblePerson: { insurance: { value: 5_000_000, unit: 'HKD' } } }), {
      rulebook: rb2025,
      airspace: index,
    });
    expect(r.verdict).toBe('non-compliant');
    const f = r.findings.find((x) => x.kind === 'insurance' && !x.covered);
    expect(f?.effect).toBe('prohibited');
    expect(f?.message.en).toMatch(/obtain.*10,000,000/i);
  });

  it('the same flight with the rating and HK$10 M is compliant under the permission', () => {
    const r = evaluate(categoryB({}), { rulebook: rb2025, airspace: index });
    expect(r.verdict).toBe('compliant');
  });
});
