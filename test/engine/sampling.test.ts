import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildZoneIndex, parseElevationGrid } from '../../rules/src/airspace/index.js';
import type { ZoneIndex } from '../../rules/src/airspace/types.js';
import { airspaceFor } from '../../rules/src/engine/airspace-view.js';
import { compileRules } from '../../rules/src/engine/compile.js';
import { buildPlanContext } from '../../rules/src/engine/context.js';
import { checkRoute, evaluate, loadRulebook, rulebookInForce, validatePlan } from '../../rules/src/engine/index.js';
import { preparePermissions, resolveDeclared } from '../../rules/src/engine/permissions.js';
import type { FlightPlanInput, Permission, Rulebook, Zone } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { readExamplePlans } from '../../server/src/services/corpus.js';
import { BASE, boundaryZone, createPermission, createPlan, east, north, rulebooks, squareZone } from './helpers.js';

/**
 * Adaptive sampling (the default) checks only some samples of the dense grid; it must give exactly the report
 * that checking every sample (`sampling: 'dense'`) gives.
 */
const { rb2022, rb2025, all } = rulebooks();
const catalogue = loadCatalogue();
const hk = buildZoneIndex(catalogue.zones, { version: catalogue.version });
const known = loadBuiltinPermissions();
const examples = readExamplePlans().map((i) => ({ key: i.key, plan: i.plan as FlightPlanInput }));

function both(plan: FlightPlanInput, rulebook: Rulebook, airspace: ZoneIndex, permissions: readonly Permission[] = []) {
  const dense = evaluate(plan, { rulebook, airspace, permissions, sampling: 'dense' });
  const adaptive = evaluate(plan, { rulebook, airspace, permissions });
  return { dense, adaptive };
}

function inForce(plan: FlightPlanInput): Rulebook {
  return rulebookInForce(all, plan.start.slice(0, 10)) ?? rb2025;
}

/** A rulebook with some of the parameters the law leaves open set (VLOS range, civil twilight). */
function variant(base: Rulebook, set: Record<string, unknown>): Rulebook {
  const copy = structuredClone(base);
  for (const [name, value] of Object.entries(set)) copy.parameters[name].value = value as never;
  const loaded = loadRulebook(copy);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.rulebook;
}
const strict = variant(rb2025, { vlosMaxRange: 400, nightDefinition: 'civil-twilight' });

/** mulberry32: seeded, so the generated plans are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Variants of the example plans: shifted, higher or lower, heavier or lighter, earlier or later in the day. */
function variants(n: number, seed: number): FlightPlanInput[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const src = examples[i % examples.length].plan;
    const alt = 0.3 + rand() * 2.7;
    const mass = 0.2 + rand() * 20;
    const [dLon, dLat] = [(rand() - 0.5) * 0.04, (rand() - 0.5) * 0.04];
    const hour = Math.floor(rand() * 24);
    return {
      ...src,
      aircraft: { ...src.aircraft, mass: { ...src.aircraft.mass, value: Math.round(src.aircraft.mass.value * mass) } },
      operation: {
        ...src.operation,
        pilotPosition: [src.operation.pilotPosition[0] + dLon, src.operation.pilotPosition[1] + dLat],
      },
      route: {
        ...src.route,
        coordinates: src.route.coordinates.map(([x, y, z]) => [x + dLon, y + dLat, Math.round(z * alt)]),
      },
      start: `${src.start.slice(0, 11)}${String(hour).padStart(2, '0')}${src.start.slice(13)}`,
    };
  });
}

describe('adaptive sampling gives the same report as dense sampling', () => {
  it.each(examples.map((e) => [e.key, e.plan] as const))('example plan %s', (_key, plan) => {
    const { dense, adaptive } = both(plan, inForce(plan), hk, known);
    expect(adaptive).toEqual(dense);
  });

  it('generated variants of the example plans, under both rulebooks and stricter parameters', () => {
    const plans = variants(60, 2025);
    plans.forEach((plan, i) => {
      const rulebook = [rb2025, rb2022, strict][i % 3];
      const { dense, adaptive } = both(plan, rulebook, hk, known);
      expect(adaptive).toEqual(dense);
    });
  });

  it('checks fewer samples on a long leg (here the 12 km BVLOS example)', () => {
    const plan = examples.find((e) => e.key.startsWith('cyberport-cheung-chau-bvlos'))?.plan;
    const v = validatePlan(plan);
    if (!v.ok) throw new Error('example plan invalid');
    const rulebook = inForce(plan as FlightPlanInput);
    const view = airspaceFor(hk, rulebook, v.plan.extraZones);
    const { ctx } = buildPlanContext(v.plan, rulebook, view, 480, false);
    const input = {
      route: v.plan.route,
      timeline: v.timeline,
      view,
      rules: compileRules(rulebook).rules.filter((r) => r.bound.checkSample),
      permissions: preparePermissions(
        resolveDeclared(v.plan.permissions, known).permissions,
        v.plan.aircraft,
        ctx.category,
        view.elevation,
      ),
      ctx,
      pilot: v.plan.operation.pilotPosition,
    };
    const dense = checkRoute({ ...input, sampling: 'dense' }).samples.length;
    const adaptive = checkRoute(input).samples.length;
    expect(dense).toBeGreaterThan(400);
    expect(adaptive).toBeLessThan(dense / 4);
  });
});

// ---- random plans in an airspace with everything that changes along a leg ----

const [lon, lat] = BASE;
const zones: Zone[] = [
  boundaryZone(),
  squareZone('rfz', 'restricted-flying-zone', [lon + 0.003, lat], 150, {
    lower: { value: 40, unit: 'm', ref: 'AGL' },
    upper: { value: 120, unit: 'm', ref: 'AGL' },
  }),
  squareZone('ban', 'prohibition', [lon - 0.004, lat + 0.002], 100, {
    upper: { value: 150, unit: 'm', ref: 'AMSL' },
  }),
  squareZone('crowd', 'uninvolved-persons', [lon, lat - 0.003], 40),
  squareZone('crowd-evening', 'uninvolved-persons', [lon + 0.006, lat + 0.004], 60, {
    timing: { windows: [{ from: '2026-03-14T17:00:00+08:00', to: '2026-03-14T19:30:00+08:00' }] },
  }),
  squareZone('tfr', 'restricted-flying-zone', [lon + 0.001, lat + 0.003], 200, {
    timing: {
      windows: [{ from: '2026-03-14T09:00:00+08:00', to: '2026-03-14T21:00:00+08:00' }],
      daily: [{ days: ['ANY'], start: { event: 'SS', offsetMin: -20 }, end: { time: '20:10' } }],
    },
  }),
  squareZone('park', 'enclosed-area', [lon - 0.002, lat - 0.002], 300),
];

const corridor = createPermission({
  id: 'corridor',
  covers: ['height', 'restricted-flying-zone', 'bvlos', 'night'],
  conditions: { maxHeight: { value: 110, unit: 'm', ref: 'AGL' }, maxSpeed: { value: 40, unit: 'km/h' } },
  daily: [{ days: ['ANY'], start: { time: '08:00' }, end: { event: 'SS', offsetMin: 10 } }],
});
const square = createPermission({
  id: 'square',
  covers: ['height', 'lateral-distance', 'cross-boundary'],
  area: {
    type: 'Polygon',
    coordinates: [
      [
        [lon - 0.005, lat - 0.005],
        [lon + 0.002, lat - 0.005],
        [lon + 0.002, lat + 0.001],
        [lon - 0.005, lat + 0.001],
        [lon - 0.005, lat - 0.005],
      ],
    ],
  },
  validity: [{ from: '2026-03-14T10:00:00+08:00', to: '2026-03-14T18:05:00+08:00' }],
});

/** Hills under part of the area (an ESRI grid), so AGL and AMSL no longer differ by a constant. */
const hills = parseElevationGrid(
  [
    'ncols 4',
    'nrows 3',
    `xllcorner ${lon - 0.02}`,
    `yllcorner ${lat - 0.015}`,
    'cellsize 0.01',
    '0 30 80 10',
    '5 120 60 0',
    '0 0 40 20',
  ].join('\n'),
);
const flatIndex = buildZoneIndex(zones, { version: 'sampling-test' });
const hillIndex = buildZoneIndex(zones, { version: 'sampling-test-hills', elevation: hills });

const waypoint = fc.tuple(
  fc.double({ min: lon - 0.012, max: lon + 0.012, noNaN: true }),
  fc.double({ min: lat - 0.012, max: lat + 0.012, noNaN: true }),
  fc.integer({ min: 0, max: 260 }),
);

const planArb: fc.Arbitrary<FlightPlanInput> = fc
  .record({
    coords: fc.array(waypoint, { minLength: 2, maxLength: 5 }),
    speeds: fc.array(fc.integer({ min: 2, max: 90 }), { minLength: 4, maxLength: 4 }),
    hover: fc.array(fc.constantFrom(0, 0, 30, 600, 2400), { minLength: 5, maxLength: 5 }),
    ref: fc.constantFrom('AGL' as const, 'AMSL' as const),
    // Around sunset (about 18:25 in mid-March) as often as by day or at night.
    minutes: fc.oneof(fc.integer({ min: 17 * 60, max: 19 * 60 }), fc.integer({ min: 0, max: 24 * 60 - 1 })),
    mass: fc.constantFrom(200, 720, 3000, 30_000),
    declared: fc.subarray([corridor, square]),
    pilotOffset: fc.tuple(fc.integer({ min: -800, max: 800 }), fc.integer({ min: -800, max: 800 })),
  })
  .map((g) => {
    const n = g.coords.length;
    const hh = String(Math.floor(g.minutes / 60)).padStart(2, '0');
    const mm = String(g.minutes % 60).padStart(2, '0');
    return createPlan({
      aircraft: { mass: { value: g.mass, unit: 'g' } },
      operation: {
        pilotPosition: [east(lon, lat, g.pilotOffset[0]), north(lat, g.pilotOffset[1])],
      },
      route: {
        type: 'LineString',
        coordinates: g.coords,
        altitudeRef: g.ref,
        legSpeeds: g.speeds.slice(0, n - 1).map((value) => ({ value, unit: 'km/h' as const })),
        hoverS: g.hover.slice(0, n),
      },
      start: `2026-03-14T${hh}:${mm}:00+08:00`,
      permissions: g.declared,
    });
  });

describe('property: adaptive sampling equals dense sampling', () => {
  it('over zones with vertical limits, schedules and crowds, permissions, hovers and sunset', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(rb2025, rb2022, strict), (plan, rulebook) => {
        const { dense, adaptive } = both(plan, rulebook, flatIndex);
        expect(adaptive).toEqual(dense);
      }),
      { numRuns: 150, seed: 448 },
    );
  });
  it('also over uneven ground (an elevation grid)', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { dense, adaptive } = both(plan, strict, hillIndex);
        expect(adaptive).toEqual(dense);
      }),
      { numRuns: 40, seed: 82 },
    );
  });
});
