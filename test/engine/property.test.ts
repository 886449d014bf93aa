import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../rules/src/engine/index.js';
import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { Report } from '../../rules/src/model/index.js';
import { airspace, BASE, boundaryZone, createPermission, rulebooks, squareZone } from './helpers.js';

const { rb2022, rb2025 } = rulebooks();
const [lon, lat] = BASE;
const zones = [
  boundaryZone(),
  squareZone('rfz', 'restricted-flying-zone', [lon + 0.003, lat], 150),
  squareZone('ban', 'prohibition', [lon - 0.004, lat + 0.002], 100, {
    upper: { value: 1219.2, unit: 'm', ref: 'AMSL' },
  }),
  squareZone('crowd', 'uninvolved-persons', [lon, lat - 0.003], 40),
  squareZone('tfr', 'restricted-flying-zone', [lon + 0.001, lat + 0.003], 200, {
    timing: {
      windows: [{ from: '2026-03-14T09:00:00+08:00', to: '2026-03-14T11:00:00+08:00' }],
      daily: [{ days: ['ANY'], start: { event: 'SR', offsetMin: 0 }, end: { time: '10:30' } }],
    },
  }),
];
const index = airspace(zones);

const waypoint = fc.tuple(
  fc.double({ min: lon - 0.02, max: lon + 0.02, noNaN: true }),
  fc.double({ min: lat - 0.02, max: lat + 0.02, noNaN: true }),
  fc.double({ min: -10, max: 400, noNaN: true }),
);
const speed = fc.record({
  value: fc.double({ min: 0, max: 200, noNaN: true }),
  unit: fc.constantFrom('km/h' as const, 'm/s' as const, 'kt' as const),
});

const planArb: fc.Arbitrary<FlightPlanInput> = fc
  .record({
    coords: fc.array(waypoint, { minLength: 2, maxLength: 6 }),
    useTimes: fc.boolean(),
    speeds: fc.array(speed, { minLength: 5, maxLength: 5 }),
    hover: fc.option(fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 6, maxLength: 6 })),
    mass: fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constantFrom(250, 7, 25, 150)),
    unit: fc.constantFrom('g' as const, 'kg' as const),
    ref: fc.constantFrom('AGL' as const, 'AMSL' as const),
    hour: fc.integer({ min: 0, max: 23 }),
    flags: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    ages: fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 })),
    dist: fc.double({ min: 0, max: 100, noNaN: true }),
    n: fc.integer({ min: 1, max: 5 }),
    withPermission: fc.boolean(),
  })
  .map((g) => {
    const n = g.coords.length;
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += i === 0 ? 0 : 5 + ((g.hover?.[i] ?? 7) % 60);
      times.push(t);
    }
    return {
      aircraft: {
        mass: { value: g.mass, unit: g.unit },
        maxDimensionM: 0.2 + (g.mass % 2),
        equipment: { flightLog: g.flags[0], geoAwareness: g.flags[1], failSafe: g.flags[2], remoteId: g.flags[3] },
        registration: g.flags[4] ? 'UA-1' : null,
        labelled: g.flags[4],
        a1Exemption: g.flags[5],
      },
      pilot: { age: g.ages[0], registered: g.flags[6], advancedRating: g.flags[7] },
      responsiblePerson: {
        age: g.ages[1],
        registered: g.flags[6],
        insurance: g.flags[8] ? { value: 1e7, unit: 'HKD' } : null,
      },
      operation: {
        purpose: 'other',
        vlos: g.flags[0],
        pilotPosition: [lon, lat],
        aircraftPerPilot: g.n,
        dangerousGoods: g.flags[1] && g.flags[2],
        droppingArticles: g.flags[3],
        carriesPersonsOrAnimals: g.flags[5] && g.flags[6],
        whollyInEnclosedArea: g.flags[7] && g.flags[8],
        minDistanceFromUninvolvedM: g.dist,
      },
      route: {
        type: 'LineString',
        coordinates: g.coords,
        altitudeRef: g.ref,
        ...(g.useTimes ? { waypointTimesS: times } : { legSpeeds: g.speeds.slice(0, n - 1) }),
        ...(g.hover ? { hoverS: g.hover.slice(0, n) } : {}),
      },
      start: `2026-03-14T${String(g.hour).padStart(2, '0')}:15:00+08:00`,
      permissions: g.withPermission
        ? [createPermission({ covers: ['height', 'restricted-flying-zone', 'bvlos'] })]
        : [],
    } satisfies FlightPlanInput;
  });

describe('property: evaluate', () => {
  it('never throws for a generated plan, and always returns a valid Report', () => {
    fc.assert(
      fc.property(planArb, fc.boolean(), (plan, newer) => {
        const r = evaluate(plan, { rulebook: newer ? rb2025 : rb2022, airspace: index });
        expect(Report.safeParse(r).success).toBe(true);
        // The verdict follows from the findings.
        const open = r.findings.filter((f) => !f.covered);
        if (open.some((f) => f.effect === 'prohibited')) expect(r.verdict).toBe('non-compliant');
        if (r.verdict === 'compliant') expect(open.every((f) => f.effect === 'advisory')).toBe(true);
      }),
      { numRuns: 100, seed: 4480 },
    );
  });
  it('is deterministic: the same plan gives the same report', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const a = evaluate(plan, { rulebook: rb2025, airspace: index });
        const b = evaluate(structuredClone(plan), { rulebook: rb2025, airspace: airspace(zones) });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
  it('does not throw for structurally broken input either', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const r = evaluate(junk as FlightPlanInput, { rulebook: rb2025, airspace: index });
        expect(r.verdict).toBe('non-compliant');
      }),
      { numRuns: 100, seed: 1 },
    );
  });
});
