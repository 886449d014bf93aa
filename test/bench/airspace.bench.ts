/**
 * `npm run bench`: the airspace index over the shared workload (../shared/bench/README.md), against a
 * turf + rbush baseline measured in the same run. One JSON line per query in the documented format, plus
 * `ratio` (our perSec / the baseline's), `runs` (query time is the median of that many runs) and, where
 * the baseline ran on a subset, `subset`. Exits 1 when any checksum differs from the published one.
 *   node --import tsx test/bench/airspace.bench.ts [--baseline-points N] [--runs 3] [--grid-cells N]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildZoneIndex, type GridZoneIndex } from '../../rules/src/airspace/index.js';
import { Zone } from '../../rules/src/model/zone.js';
import { BenchArgs, orExit } from './lib/args.js';
import { buildTurfBaseline, planLines } from './lib/turf-baseline.js';
import {
  benchDataDir,
  benchZonesToModel,
  type Checksum,
  EXPECTED,
  ensureWorkload,
  type PairsBuffer,
  repoRoot,
  shared,
  type Telemetry,
} from './lib/workload.js';

const { RUNS, BASELINE_POINTS, GRID_CELLS } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['runs', 'baseline-points', 'grid-cells']);
  return {
    RUNS: args.number('runs', '3', { integer: true, min: 1 }),
    BASELINE_POINTS: args.number('baseline-points', '1000000', { integer: true, min: 1 }),
    // 0: the index's own choice
    GRID_CELLS: args.number('grid-cells', '0', { integer: true, min: 0 }) || undefined,
  };
});

let failed = false;
const secs = (t0: number): number => (performance.now() - t0) / 1000;
const round = (x: number, d = 4): number => Number(x.toPrecision(d));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `query` `runs` times into fresh pair buffers; returns the median seconds and the last checksum. */
function timed(runs: number, query: (pairs: PairsBuffer) => void): { queryS: number; sum: Checksum } {
  const times: number[] = [];
  let pairs = new shared.Pairs(1 << 20);
  for (let r = 0; r < runs; r++) {
    pairs = new shared.Pairs(1 << 20);
    const t0 = performance.now();
    query(pairs);
    times.push(secs(t0));
  }
  return { queryS: median(times), sum: shared.checksum(pairs) };
}

function report(
  line: { impl: string; task: string; n: number; loadS: number; queryS: number; sum: Checksum },
  expected: Checksum | null,
  extra: Record<string, unknown> = {},
): number {
  const perSec = line.n / line.queryS;
  console.log(
    JSON.stringify({
      impl: line.impl,
      task: line.task,
      n: line.n,
      loadS: round(line.loadS),
      queryS: round(line.queryS),
      perSec: Math.round(perSec),
      pairs: line.sum.pairs,
      distinct: line.sum.distinct,
      sha256: line.sum.sha256,
      ...extra,
    }),
  );
  if (expected && (line.sum.sha256 !== expected.sha256 || line.sum.pairs !== expected.pairs)) {
    console.error(`CHECKSUM MISMATCH: ${line.impl} ${line.task} n=${line.n}: expected ${JSON.stringify(expected)}`);
    failed = true;
  }
  return perSec;
}

/** The points query through the one-sample-at-a-time API (the live monitor's call). */
function pointsQuery(index: GridZoneIndex, t: Telemetry, n: number, pairs: PairsBuffer): void {
  const out = new Int32Array(index.zones.length);
  for (let i = 0; i < n; i++) {
    const k = index.pointQuery(t.lon[i], t.lat[i], t.alt[i], 0, out);
    for (let j = 0; j < k; j++) pairs.push(i, out[j]);
  }
}

/**
 * The live monitor's case: the real HK catalogue (circles, sectors, schedules, AGL/AMSL limits) queried
 * one sample at a time, at times spread over a day with temporary restrictions. No published checksum.
 */
function hkCatalogueLine(telemetry: Telemetry): void {
  const file = path.join(repoRoot, 'rules/data/zones/hk-catalogue.json');
  if (!existsSync(file)) {
    console.error(`skipped the HK catalogue line: ${file} not found`);
    return;
  }
  const parsed = z
    .object({ version: z.string(), zones: z.array(Zone) })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    console.error(`skipped the HK catalogue line: ${file} is invalid: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const t0 = performance.now();
  const index = buildZoneIndex(parsed.data.zones, { version: parsed.data.version });
  const loadS = secs(t0);
  const base = Date.parse('2025-07-25T08:00:00+08:00');
  const out = new Int32Array(parsed.data.zones.length);
  const r = timed(RUNS, (pairs) => {
    for (let i = 0; i < telemetry.n; i++) {
      const tMs = base + (telemetry.t[i] - telemetry.t[0]) * 43_200; // the 10-minute stream spread over 12 h
      const k = index.pointQuery(telemetry.lon[i], telemetry.lat[i], telemetry.alt[i], tMs, out);
      for (let j = 0; j < k; j++) pairs.push(i, out[j]);
    }
  });
  report({ impl: 'sua-grid/hk-catalogue', task: 'points', n: telemetry.n, loadS, queryS: r.queryS, sum: r.sum }, null, {
    runs: RUNS,
    zones: parsed.data.zones.length,
    nsPerSample: round((r.queryS / telemetry.n) * 1e9, 3),
  });
}

function main(): void {
  const genS = ensureWorkload();
  if (genS > 0) console.error(`generated the shared workload into ${benchDataDir} in ${genS.toFixed(1)} s`);
  const features = shared.loadZones(benchDataDir);
  const telemetry = shared.loadTelemetry(benchDataDir, 0);
  const plans = shared.loadPlans(benchDataDir, 0);

  // Our index: GeoJSON features → validated Zone model → grid index (loadS covers all of it).
  const tLoad = performance.now();
  const zones = benchZonesToModel(features);
  const tBuild = performance.now();
  const index = buildZoneIndex(zones, { gridCells: GRID_CELLS });
  const buildS = secs(tBuild);
  const loadS = secs(tLoad);
  console.error(
    `index: ${zones.length} zones, grid ${index.grid.nx}×${index.grid.ny}, ${index.grid.entryCount} entries; ` +
      `zod validation ${(tBuild - tLoad).toFixed(0)} ms + build ${(buildS * 1000).toFixed(0)} ms`,
  );
  const flat = plans.map((p) => Float64Array.from(p.waypoints.flatMap((w) => [w[0], w[1]])));

  const tBase = performance.now();
  const baseline = buildTurfBaseline(features);
  const lines = planLines(plans);
  const baseLoadS = secs(tBase);

  // Baseline first (its rate is the denominator of every ratio).
  const nBase = Math.min(BASELINE_POINTS, telemetry.n);
  const bPoints = timed(1, (pairs) => baseline.points(telemetry, nBase, pairs));
  const basePointsRate = report(
    { impl: 'turf+rbush', task: 'points', n: nBase, loadS: baseLoadS, queryS: bPoints.queryS, sum: bPoints.sum },
    nBase === 1_000_000 ? EXPECTED.points1M : nBase === 20_000 ? EXPECTED.points20k : null,
    { runs: 1, ...(nBase < telemetry.n ? { subset: `first ${nBase} samples` } : {}) },
  );
  const bPlans = timed(1, (pairs) => baseline.plans(lines, pairs));
  const basePlansRate = report(
    { impl: 'turf+rbush', task: 'plans', n: plans.length, loadS: baseLoadS, queryS: bPlans.queryS, sum: bPlans.sum },
    EXPECTED.plans,
    { runs: 1 },
  );

  for (const [n, expected] of [
    [telemetry.n, EXPECTED.points1M],
    [20_000, EXPECTED.points20k],
  ] as const) {
    const r = timed(RUNS, (pairs) => pointsQuery(index, telemetry, n, pairs));
    const rate = n / r.queryS;
    report({ impl: 'sua-grid', task: 'points', n, loadS, queryS: r.queryS, sum: r.sum }, expected, {
      ratio: round(rate / basePointsRate, 3),
      runs: RUNS,
      nsPerSample: round((r.queryS / n) * 1e9, 3),
    });
  }

  const out = new Int32Array(zones.length);
  const rp = timed(RUNS, (pairs) => {
    for (let p = 0; p < flat.length; p++) {
      const k = index.polylineZones(flat[p], flat[p].length / 2, out);
      for (let j = 0; j < k; j++) pairs.push(p, out[j]);
    }
  });
  report({ impl: 'sua-grid', task: 'plans', n: plans.length, loadS, queryS: rp.queryS, sum: rp.sum }, EXPECTED.plans, {
    ratio: round(plans.length / rp.queryS / basePlansRate, 3),
    runs: RUNS,
  });

  // The engine's leg API (exact enter/exit fractions), same pairs.
  const rl = timed(RUNS, (pairs) => {
    const seen = new Int32Array(zones.length).fill(-1);
    for (let p = 0; p < plans.length; p++) {
      const w = plans[p].waypoints;
      for (let k = 0; k + 1 < w.length; k++) {
        for (const c of index.legCrossings(w[k][0], w[k][1], w[k + 1][0], w[k + 1][1])) {
          if (seen[c.zoneIndex] === p) continue;
          seen[c.zoneIndex] = p;
          pairs.push(p, c.zoneIndex);
        }
      }
    }
  });
  report(
    { impl: 'sua-grid/legCrossings', task: 'plans', n: plans.length, loadS, queryS: rl.queryS, sum: rl.sum },
    EXPECTED.plans,
    { ratio: round(plans.length / rl.queryS / basePlansRate, 3), runs: RUNS },
  );
  hkCatalogueLine(telemetry);
  console.error(`build ${(buildS * 1000).toFixed(1)} ms (target < 300 ms)`);
  if (failed) process.exit(1);
}

main();
