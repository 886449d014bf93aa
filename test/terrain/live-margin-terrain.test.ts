import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../rules/src/airspace/geodesy.js';
import { type LiveMargin, prepareLive, validatePlan } from '../../rules/src/engine/index.js';
import { needsRecheck } from '../../rules/src/sim/monitor-checks.js';
import type { Checked } from '../../rules/src/sim/monitor-state.js';
import { DEFAULT_RECHECK, type MonitorSample } from '../../rules/src/sim/monitor-types.js';
import { east, north, rulebooks } from '../engine/helpers.js';
import { catalogueOver, MUI_WO, planAlong, pointsAlong, SUNSET_PEAK, terrain } from './helpers.js';

/**
 * Over hilly ground (Lantau, the shipped terrain model) the monitor skips a check while the sample stays within
 * the engine's margins; its AGL bound is tested against the ground under the new position, the altitude bound
 * against the altitude. A skipped check must never hide a change: random moves (horizontal and vertical) that
 * the monitor would not re-check must give the same violations as a fresh check.
 */
const { rb2025 } = rulebooks();
const v = validatePlan(planAlong(pointsAlong(MUI_WO, SUNSET_PEAK, 4), [50, 50, 50, 50, 50], 'AGL'));
if (!v.ok) throw new Error('bad plan');
const plan = v.plan;
const index = catalogueOver(terrain);
const evaluator = prepareLive({
  aircraft: plan.aircraft,
  pilot: plan.pilot,
  responsiblePerson: plan.responsiblePerson,
  operation: plan.operation,
  rulebook: rb2025,
  airspace: index,
  startMs: Date.parse(plan.start),
});
const tMs = Date.parse(plan.start) + 3_600_000;
const keysAt = (lon: number, lat: number, altAmslM: number) =>
  evaluator
    .check({ lon, lat, altAmslM, tMs, groundSpeedKmh: 20, pilotLon: MUI_WO[0], pilotLat: MUI_WO[1] })
    .map((x) => x.key)
    .join();
const hits = new Int32Array(256);
const zoneIds = (lon: number, lat: number, altAmslM: number) => {
  const n = index.pointQuery(lon, lat, altAmslM, tMs, hits);
  return Array.from(hits.subarray(0, n), (k) => index.zones[k].id).join();
};
const sample = (lon: number, lat: number, altAmslM: number): MonitorSample => ({
  id: 'a',
  lon,
  lat,
  altAmslM,
  tMs,
  groundSpeedMps: 20 / 3.6,
  airborne: true,
  pilotLon: MUI_WO[0],
  pilotLat: MUI_WO[1],
});

describe('live margins over terrain', () => {
  it('never lets the monitor skip a check whose violations would differ (hilly ground)', () => {
    let skippedOverSlope = 0;
    let changedWhenRechecked = 0;
    fc.assert(
      fc.property(
        fc.record({
          // Within 1.5 km of Sunset Peak (934 m), at heights around the 300 ft AGL limit or anywhere to 200 m.
          where: fc.tuple(fc.integer({ min: -1500, max: 1500 }), fc.integer({ min: -1500, max: 1500 })),
          agl: fc.oneof(
            fc.integer({ min: 0, max: 2000 }).map((k) => k / 10),
            fc.integer({ min: -150, max: 150 }).map((k) => 91.44 + k / 10),
          ),
          heading: fc.integer({ min: 0, max: 359 }).map((deg) => (deg * Math.PI) / 180),
          moveM: fc.integer({ min: 0, max: 4000 }).map((k) => k / 10),
          climbM: fc.integer({ min: -300, max: 300 }).map((k) => k / 10),
        }),
        (c) => {
          const lon = east(SUNSET_PEAK[0], SUNSET_PEAK[1], c.where[0]);
          const lat = north(SUNSET_PEAK[1], c.where[1]);
          const alt = terrain.groundM(lon, lat) + c.agl;
          const margin: LiveMargin = {
            known: false,
            heightM: 0,
            aglM: 0,
            amslM: 0,
            speedKmh: 0,
            distanceM: 0,
            untilMs: 0,
          };
          const violations = evaluator.check(
            { lon, lat, altAmslM: alt, tMs, groundSpeedKmh: 20, pilotLon: MUI_WO[0], pilotLat: MUI_WO[1] },
            margin,
          );
          expect(margin.known).toBe(true);
          const zones = [zoneIds(lon, lat, alt)];
          const checked: Checked = {
            violations,
            at: sample(lon, lat, alt),
            aglM: alt - terrain.groundM(lon, lat),
            zones,
            epoch: 0,
            margin,
          };
          const lon2 = east(lon, lat, c.moveM * Math.sin(c.heading));
          const lat2 = north(lat, c.moveM * Math.cos(c.heading));
          const alt2 = alt + c.climbM;
          if (zoneIds(lon2, lat2, alt2) !== zones[0]) return;
          const before = violations.map((x) => x.key).join();
          const after = keysAt(lon2, lat2, alt2);
          if (!needsRecheck(checked, sample(lon2, lat2, alt2), zones, 0, DEFAULT_RECHECK, terrain)) {
            expect(after).toBe(before);
            const groundChange = Math.abs(terrain.groundM(lon2, lat2) - terrain.groundM(lon, lat));
            if (distanceM(lon, lat, lon2, lat2) > 20 && groundChange > 2) skippedOverSlope++;
          } else if (after !== before) changedWhenRechecked++;
        },
      ),
      { numRuns: 4000, seed: 448 },
    );
    // Not vacuous: checks were skipped over changing ground, and re-checks did find changes.
    expect(skippedOverSlope).toBeGreaterThan(200);
    expect(changedWhenRechecked).toBeGreaterThan(100);
  });
});
