import { beforeAll, describe, expect, it } from 'vitest';
import { buildZoneIndex, NaiveZoneIndex, type ZoneIndex } from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import {
  type BenchPlan,
  benchDataDir,
  benchZonesToModel,
  EXPECTED,
  ensureWorkload,
  shared,
  type Telemetry,
} from '../bench/lib/workload.js';

// The shared workload (../shared/bench) is generated into .bench-data on first use: ~2 s for the full
// 1,000,000 samples, so the test generates it rather than a smaller variant (whose checksums are unpublished).
let zones: Zone[];
let telemetry: Telemetry;
let plans: BenchPlan[];
beforeAll(() => {
  const seconds = ensureWorkload();
  if (seconds > 0) console.info(`generated the shared workload in ${seconds.toFixed(1)} s`);
  zones = benchZonesToModel(shared.loadZones(benchDataDir));
  telemetry = shared.loadTelemetry(benchDataDir, 20_000);
  plans = shared.loadPlans(benchDataDir, 0);
});

function pointPairs(index: ZoneIndex) {
  const pairs = new shared.Pairs(1 << 15);
  const out = new Int32Array(zones.length);
  for (let i = 0; i < telemetry.n; i++) {
    const n = index.pointQuery(telemetry.lon[i], telemetry.lat[i], telemetry.alt[i], 0, out);
    for (let k = 0; k < n; k++) pairs.push(i, out[k]);
  }
  return shared.checksum(pairs);
}

function planPairs(index: ZoneIndex) {
  const pairs = new shared.Pairs(1 << 14);
  const seen = new Int32Array(zones.length).fill(-1);
  plans.forEach((plan, p) => {
    const w = plan.waypoints;
    for (let k = 0; k + 1 < w.length; k++) {
      for (const c of index.legCrossings(w[k][0], w[k][1], w[k + 1][0], w[k + 1][1])) {
        if (seen[c.zoneIndex] === p) continue;
        seen[c.zoneIndex] = p;
        pairs.push(p, c.zoneIndex);
      }
    }
  });
  return shared.checksum(pairs);
}

describe('published checksums of the shared workload', () => {
  it('grid index: points, first 20,000 samples', () => {
    expect(pointPairs(buildZoneIndex(zones))).toEqual(EXPECTED.points20k);
  });
  it('naive index: points, first 20,000 samples', () => {
    expect(pointPairs(new NaiveZoneIndex(zones))).toEqual(EXPECTED.points20k);
  });
  it('grid index: plans (legCrossings), 1,000 plans', () => {
    expect(planPairs(buildZoneIndex(zones))).toEqual(EXPECTED.plans);
  });
  it('grid index: plans (polylineZones), 1,000 plans', () => {
    const index = buildZoneIndex(zones);
    const pairs = new shared.Pairs(1 << 14);
    const out = new Int32Array(zones.length);
    plans.forEach((plan, p) => {
      const flat = plan.waypoints.flatMap((w) => [w[0], w[1]]);
      const n = index.polylineZones(flat, plan.waypoints.length, out);
      for (let k = 0; k < n; k++) pairs.push(p, out[k]);
    });
    expect(shared.checksum(pairs)).toEqual(EXPECTED.plans);
  });
});
