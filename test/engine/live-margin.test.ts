import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../rules/src/airspace/geodesy.js';
import { type LiveMargin, prepareLive, validatePlan } from '../../rules/src/engine/index.js';
import {
  airspace,
  BASE,
  boundaryZone,
  createPermission,
  createPlan,
  east,
  lineRoute,
  north,
  rulebooks,
  squareZone,
} from './helpers.js';

/**
 * A live evaluator's margin promises that, while the sample stays within it (same zones containing the point),
 * `check` finds the same violations. Random samples around a corridor permission with hours and conditions,
 * crowds, a restricted zone and sunset; random moves strictly inside the margin must keep the keys.
 */
const [lon, lat] = BASE;
const { rb2025 } = rulebooks();
const crowds = [0, 1, 2].map((i) =>
  squareZone(`crowd-${i}`, 'uninvolved-persons', [east(lon, lat, 300 + 350 * i), north(lat, 120 * (i - 1))], 40),
);
const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 600), north(lat, -300)], 80);
const index = airspace([boundaryZone(), rfz, ...crowds]);
const permission = createPermission({
  covers: ['height', 'lateral-distance', 'night'],
  daily: [{ days: ['ANY'], start: { time: '09:00' }, end: { time: '17:30' } }],
  conditions: { maxHeight: { value: 130, unit: 'm', ref: 'AGL' }, maxSpeed: { value: 40, unit: 'km/h' } },
});
const v = validatePlan(
  createPlan({
    route: lineRoute([lon, lat], [east(lon, lat, 1000), lat], 110),
    permissions: [permission],
  }),
);
if (!v.ok) throw new Error('bad plan');
const plan = v.plan;
/** The law gives no VLOS range; a 500 m parameter makes the pilot distance count too. */
const withRange = {
  ...rb2025,
  parameters: { ...rb2025.parameters, vlosMaxRange: { ...rb2025.parameters.vlosMaxRange, value: 500 } },
};
const low = validatePlan(createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 1000), lat], 50) }));
if (!low.ok) throw new Error('bad plan');
/**
 * A standard operation (50 m: the operating requirements apply as such, VLOS range among them), an advanced one
 * (110 m), and the advanced one relying on the permission (whose margins then count too).
 */
const evaluators = [low.plan, { ...plan, permissions: [] }, plan].map((p) =>
  prepareLive({
    plan: p,
    aircraft: p.aircraft,
    pilot: p.pilot,
    responsiblePerson: p.responsiblePerson,
    operation: p.operation,
    rulebook: withRange,
    airspace: index,
    permissions: [],
  }),
);

const zonesAt = (x: number, y: number, alt: number, t: number) => {
  const out = new Int32Array(16);
  const n = index.pointQuery(x, y, alt, t, out);
  return [...out.subarray(0, n)].sort().join();
};
const day = Date.parse('2026-03-14T00:00:00+08:00');

type Dim = 'distance' | 'height' | 'speed' | 'time';

describe('live margins are sound', () => {
  it('moving less than the margin (in any one of its dimensions) never changes the violations', () => {
    let exercised = 0;
    let changedBeyond = 0;
    fc.assert(
      fc.property(
        fc.record({
          flight: fc.integer({ min: 0, max: 2 }),
          // Anywhere around, or close to the corridor, the crowds and the 500 m VLOS range.
          where: fc.oneof(
            fc.tuple(fc.double({ min: -400, max: 1600, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true })),
            fc.tuple(fc.double({ min: -150, max: 1150, noNaN: true }), fc.double({ min: -130, max: 130, noNaN: true })),
            fc
              .tuple(fc.constantFrom(300, 650, 1000), fc.constantFrom(-120, 0, 120))
              .chain(([x, y]) =>
                fc.tuple(
                  fc.double({ min: x - 110, max: x + 110, noNaN: true }),
                  fc.double({ min: y - 110, max: y + 110, noNaN: true }),
                ),
              ),
            fc
              .double({ min: 0, max: 2 * Math.PI, noNaN: true })
              .map((a): [number, number] => [480 * Math.cos(a), 480 * Math.sin(a)]),
          ),
          // Anywhere from the ground to 200 m, or near a limit: 300 ft (91.44 m), 130 m, 150 m.
          alt: fc.oneof(
            fc.double({ min: 0, max: 200, noNaN: true }),
            fc.constantFrom(91.44, 130, 150).chain((h) => fc.double({ min: h - 12, max: h + 12, noNaN: true })),
          ),
          speed: fc.double({ min: 0, max: 80, noNaN: true }),
          // 16:00 to 19:30: the permission's hours end at 17:30, sunset is near 18:22
          minute: fc.double({ min: 16 * 60, max: 19.5 * 60, noNaN: true }),
        }),
        fc.record({
          dim: fc.constantFrom<Dim>('distance', 'height', 'speed', 'time'),
          // Integers spread evenly (fast-check's doubles favour the ends of their range).
          heading: fc.integer({ min: 0, max: 359 }).map((deg) => (deg * Math.PI) / 180),
          sign: fc.constantFrom(-1, 1),
          within: fc.integer({ min: 0, max: 999 }).map((k) => k / 1000),
          beyond: fc.integer({ min: 1020, max: 3000 }).map((k) => k / 1000),
        }),
        (base, step) => {
          const evaluator = evaluators[base.flight];
          const s = {
            lon: east(lon, lat, base.where[0]),
            lat: north(lat, base.where[1]),
            altAmslM: base.alt,
            tMs: Math.round(day + base.minute * 60_000),
            groundSpeedKmh: base.speed,
            pilotLon: lon,
            pilotLat: lat,
          };
          const m: LiveMargin = { known: false, heightM: 0, speedKmh: 0, distanceM: 0, untilMs: 0 };
          const keys = evaluator
            .check(s, m)
            .map((x) => x.key)
            .join();
          expect(m.known).toBe(true);
          const moveBy = (f: number) => {
            const t = { ...s };
            if (step.dim === 'distance') {
              const d = f * Math.min(m.distanceM, 3000);
              t.lon = east(s.lon, s.lat, d * Math.sin(step.heading));
              t.lat = north(s.lat, d * Math.cos(step.heading));
            } else if (step.dim === 'height') t.altAmslM += step.sign * f * Math.min(m.heightM, 300);
            else if (step.dim === 'speed')
              t.groundSpeedKmh = Math.max(0, s.groundSpeedKmh + step.sign * f * Math.min(m.speedKmh, 100));
            else t.tMs += Math.floor(f * Math.min(m.untilMs - s.tMs, 3_600_000));
            return t;
          };
          const t = moveBy(step.within);
          if (step.dim === 'distance' && distanceM(s.lon, s.lat, t.lon, t.lat) >= m.distanceM) return;
          const same = (q: typeof s) =>
            zonesAt(s.lon, s.lat, s.altAmslM, s.tMs) === zonesAt(q.lon, q.lat, q.altAmslM, q.tMs);
          if (!same(t)) return;
          exercised++;
          expect(
            evaluator
              .check(t)
              .map((x) => x.key)
              .join(),
          ).toBe(keys);
          // Not vacuous: just past a margin, the violations often do change.
          const far = moveBy(step.beyond);
          if (
            same(far) &&
            evaluator
              .check(far)
              .map((x) => x.key)
              .join() !== keys
          )
            changedBeyond++;
        },
      ),
      { numRuns: 6000, seed: 448 },
    );
    expect(exercised).toBeGreaterThan(3000);
    expect(changedBeyond).toBeGreaterThan(300);
  });

  it('a rule commencing at midnight: the margin ends with the local day', () => {
    const midnight = Date.parse('2026-03-15T00:00:00+08:00');
    const later = {
      ...withRange,
      rules: withRange.rules.map((r) => (r.id === 'op.height.a2' ? { ...r, commencement: '2026-03-15' } : r)),
    };
    const ev = prepareLive({
      aircraft: low.plan.aircraft,
      pilot: low.plan.pilot,
      operation: low.plan.operation,
      rulebook: later,
      airspace: index,
    });
    const s = {
      lon,
      lat: north(lat, 300),
      altAmslM: 120,
      tMs: midnight - 60_000,
      groundSpeedKmh: 10,
      pilotLon: lon,
      pilotLat: lat,
    };
    const m: LiveMargin = { known: false, heightM: 0, speedKmh: 0, distanceM: 0, untilMs: 0 };
    expect(ev.check(s, m).map((x) => x.key)).not.toContain('op.height.a2|');
    expect(m.known).toBe(true);
    expect(m.untilMs).toBeLessThanOrEqual(midnight);
    expect(ev.check({ ...s, tMs: midnight }).map((x) => x.key)).toContain('op.height.a2|');
  });
});
