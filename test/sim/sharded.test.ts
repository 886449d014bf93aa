import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { SampleTable } from '../../rules/src/sim/sample-table.js';
import {
  balancedTiling,
  boundedMove,
  haloDegrees,
  mergeShardEvents,
  pairOwner,
  partitionSamples,
  ShardedMonitorCore,
  separationMinima,
  TableOrder,
  tileOf,
  weightedTiling,
} from '../../rules/src/sim/sharded/index.js';
import { runOptions } from './fixtures.js';
import { denseScenario, firstDifference, inProcessShards, streamHash } from './sharded-helpers.js';

const AIRCRAFT = 3000;
const STEPS = 70;

/** The single monitor and a sharded one over the same samples, tick by tick; both event streams and tallies. */
async function compare(
  shards: number,
  opts2: { slowShard?: number; aircraft?: number; perAircraftPlans?: boolean; withdrawFirstPermission?: boolean } = {},
) {
  let scenario = denseScenario(opts2.aircraft ?? AIRCRAFT);
  const base = runOptions(scenario);
  const permission = base.permissions[0];
  // every third flight declares a sandbox permission, withdrawn before the run starts when asked
  if (opts2.withdrawFirstPermission)
    scenario = {
      ...scenario,
      flights: scenario.flights.map((f, i) => (i % 3 === 0 ? { ...f, permissions: [permission.id] } : f)),
    };
  const withdrawn = new Set(opts2.withdrawFirstPermission ? [permission.id] : []);
  const opts = { ...base, sharedEvaluators: !opts2.perAircraftPlans, withdrawn };
  const single = new ScenarioRun(scenario, opts);
  single.monitor.setWithdrawnPermissions(withdrawn, single.simTimeMs);
  const ids = single.sim.aircraft.map((a) => a.flight.id);
  const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
  // a shard that reports three times its work makes the coordinator move the borders (aircraft handed over en masse)
  const links = inProcessShards(scenario, opts, shards).map((link, s) =>
    s === opts2.slowShard
      ? {
          ...link,
          tick: async (t: Parameters<typeof link.tick>[0]) => {
            const r = await link.tick(t);
            return { ...r, workMs: 3 * r.workMs + 1 };
          },
        }
      : link,
  );
  const core = new ShardedMonitorCore(links, ids, horizontalM);
  const a: MonitorEvent[] = [];
  const b: MonitorEvent[] = [];
  let acrossBorders = 0;
  let flagMismatches = 0;
  for (let step = 0; step < STEPS; step++) {
    const { world, monitor } = single.step();
    for (const e of world) {
      if (e.type !== 'zone-added' && e.type !== 'zone-removed') continue;
      core.setZonePresent(e.type === 'zone-added' ? e.zone.id : e.zoneId, e.type === 'zone-added');
      core.airspaceChanged();
    }
    const samples = single.sim.aircraft.map((x) => single.sampleOf(x));
    const sharded = await core.observe(samples, single.simTimeMs);
    a.push(...monitor);
    b.push(...sharded);
    for (const e of monitor)
      if (e.type === 'opened' && e.finding.kind === 'separation' && e.finding.zoneId)
        if (core.ownerOf(e.aircraftId) !== core.ownerOf(e.finding.zoneId)) acrossBorders++;
    for (const id of ids) if (single.monitor.flagsOf(id) !== core.flagsOf(id)) flagMismatches++;
  }
  const kinds = new Set(a.map((e) => (e.type === 'opened' ? `opened:${e.finding.kind}` : e.type)));
  return { a, b, acrossBorders, flagMismatches, kinds, stats: core.stats };
}

describe('sharded monitor: the same findings as the single monitor', () => {
  for (const shards of [1, 2, 4])
    it(`${AIRCRAFT} aircraft over ${STEPS} s, ${shards} shard(s): identical event stream and flags`, async () => {
      const r = await compare(shards);
      expect(firstDifference(r.a, r.b)).toBeNull();
      expect(streamHash(r.b)).toBe(streamHash(r.a));
      expect(r.flagMismatches).toBe(0);
      // the run exercises what sharding could get wrong
      expect(r.a.length).toBeGreaterThan(1000);
      for (const k of ['opened:separation', 'opened:conformance', 'closed', 'enter', 'exit'])
        expect(r.kinds).toContain(k);
      if (shards > 1) {
        expect(r.acrossBorders).toBeGreaterThan(10);
        expect(r.stats.handOffs).toBeGreaterThan(10);
        expect(r.stats.haloSamples).toBeGreaterThan(0);
        // aircraft crossing a border are released with the owner's reply: a tick waits for a hand-over round trip
        // only after the borders moved (aircraft beyond reach at once), never for an aircraft flying across
        expect(r.stats.handOffRounds).toBeLessThanOrEqual(r.stats.retilings);
      }
    }, 120_000);
});

describe('sharded monitor: samples in another order than the registry', () => {
  it('a table listing the simulated aircraft in order is checked once; any other is judged by id', async () => {
    const scenario = denseScenario(800, 4);
    const opts = { ...runOptions(scenario), sharedEvaluators: true };
    const driver = new ScenarioRun(scenario, opts);
    const single = new ScenarioRun(scenario, opts);
    const ids = driver.sim.aircraft.map((x) => x.flight.id);
    const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
    const core = new ShardedMonitorCore(inProcessShards(scenario, opts, 2), ids, horizontalM);
    const a: MonitorEvent[] = [];
    const b: MonitorEvent[] = [];
    for (let step = 0; step < 30; step++) {
      driver.sim.step();
      // reversed: row i is not aircraft i (the registry), so rows must be matched to aircraft by id
      const samples = driver.sim.aircraft.map((x) => driver.sampleOf(x)).reverse();
      a.push(...single.monitor.observe(samples, driver.simTimeMs));
      b.push(...(await core.observe(samples, driver.simTimeMs)));
    }
    expect(a.length).toBeGreaterThan(100);
    expect(firstDifference(a, b)).toBeNull();

    const order = new TableOrder(ids);
    expect(order.inOrder(driver.sim.samples)).toBe(true);
    const reversed = SampleTable.of(driver.sim.aircraft.map((x) => driver.sampleOf(x)).reverse());
    expect(order.inOrder(reversed)).toBe(false);
    // fewer rows than aircraft: the rows there are checked, and the rest when the table grows
    const first = SampleTable.of(driver.sim.aircraft.slice(0, 10).map((x) => driver.sampleOf(x)));
    expect(order.inOrder(first)).toBe(true);
    first.reserve(12);
    first.put(10, { ...driver.sampleOf(driver.sim.aircraft[11]) });
    first.put(11, { ...driver.sampleOf(driver.sim.aircraft[10]) });
    first.count = 12;
    expect(order.inOrder(first)).toBe(false);
  }, 60_000);
});

describe('sharded monitor: shards that watch only their own aircraft', () => {
  it('per-aircraft plan evaluators and a permission withdrawn at the start: the same events', async () => {
    const r = await compare(3, { aircraft: 600, perAircraftPlans: true, withdrawFirstPermission: true });
    expect(firstDifference(r.a, r.b)).toBeNull();
    expect(streamHash(r.b)).toBe(streamHash(r.a));
    expect(r.flagMismatches).toBe(0);
    expect(r.stats.handOffs).toBeGreaterThan(10);
    // the withdrawn permission shows: its flights are judged without it
    expect(r.a.some((e) => e.type === 'opened' && JSON.stringify(e.finding).includes('permission'))).toBe(true);
  }, 120_000);
});

describe('sharded monitor: borders that follow the work', () => {
  it('a shard slower per aircraft gets a narrower strip, and moving the borders changes no event', async () => {
    const r = await compare(2, { slowShard: 0 });
    expect(r.stats.retilings).toBeGreaterThan(0);
    expect(firstDifference(r.a, r.b)).toBeNull();
    expect(streamHash(r.b)).toBe(streamHash(r.a));
    expect(r.flagMismatches).toBe(0);
  }, 120_000);

  it('weighted cuts: equal weight on each side', () => {
    const lons = Array.from({ length: 1000 }, (_, i) => 114 + i / 1000);
    // the west half weighs 3 per aircraft, the east half 1: the cut moves west of the middle, to a quarter of the way
    const weights = lons.map((_, i) => (i < 500 ? 3 : 1));
    const t = weightedTiling(lons, weights, 2);
    expect(t.cuts[0]).toBeCloseTo(114 + 333 / 1000, 2);
    const even = weightedTiling(
      lons,
      lons.map(() => 1),
      4,
    );
    const balanced = balancedTiling(lons, 4).cuts;
    // the histogram's resolution: a 4096th of the longitudes' span
    for (let k = 0; k < 3; k++) expect(Math.abs(even.cuts[k] - balanced[k])).toBeLessThan(0.001);
    // all at one longitude: every cut there
    expect([...weightedTiling([114.2, 114.2], [1, 1], 3).cuts]).toEqual([114.2, 114.2]);
  });

  it('a border moves only so far that at most the allowed number of aircraft change sides', () => {
    const lons = Array.from({ length: 1000 }, (_, i) => 114 + i / 1000);
    const from = Float64Array.of(114.5);
    const moved = boundedMove(lons, from, Float64Array.of(114.2), 50);
    const across = lons.filter((x) => x >= moved[0] && x < 114.5).length;
    expect(across).toBeLessThanOrEqual(50);
    expect(across).toBeGreaterThanOrEqual(48);
    // a small move is made in full
    expect([...boundedMove(lons, from, Float64Array.of(114.49), 50)]).toEqual([114.49]);
  });
});

describe('sharded monitor: tiles, halo and merge', () => {
  it('every longitude has exactly one tile; balanced cuts split the traffic evenly', () => {
    const lons = Array.from({ length: 1000 }, (_, i) => 114 + i / 1000);
    const t = balancedTiling(lons, 4);
    const counts = [0, 0, 0, 0];
    for (const lon of lons) counts[tileOf(t, lon)]++;
    expect(counts).toEqual([250, 250, 250, 250]);
    expect(tileOf(t, -180)).toBe(0);
    expect(tileOf(t, 180)).toBe(3);
  });

  it('an airborne aircraft near a border is halo traffic for the neighbour; a grounded one is not', () => {
    const t = { cuts: Float64Array.of(114.2) };
    const halo = haloDegrees(50, 22.3);
    const sample = (id: string, lon: number, airborne: boolean) => ({
      id,
      lon,
      lat: 22.3,
      altAmslM: 50,
      tMs: 0,
      groundSpeedMps: 0,
      airborne,
    });
    const ids = ['a', 'b', 'c', 'd'];
    const p = partitionSamples(
      SampleTable.of([
        sample('a', 114.2 - halo / 2, true),
        sample('b', 114.2 - halo / 2, false),
        sample('c', 114.1, true),
        sample('d', 114.2, true),
      ]),
      (id) => ids.indexOf(id),
      t,
      halo,
    );
    expect([...p.owner]).toEqual([0, 0, 0, 1]);
    expect(p.shards[0].count).toBe(4); // a, b, c owned, d (just east of the cut) as halo
    expect(p.shards[1].count).toBe(2); // d owned, a as halo; b is on the ground, c too far
    // 50 m east-west at 22.3° N is within the halo
    expect(halo * 102_900).toBeGreaterThan(50);
  });

  it('merges runs by the aircraft order, each aircraft’s events kept together and in order', () => {
    const ev = (aircraftId: string, key: string): MonitorEvent => ({
      type: 'closed',
      aircraftId,
      key,
      reason: 'cleared',
      tMs: 0,
    });
    const merged = mergeShardEvents([
      { events: [ev('x0', '1'), ev('x0', '2'), ev('x3', '1')], eventOrder: Int32Array.of(0, 0, 3) },
      { events: [ev('x1', '1'), ev('x2', '1'), ev('x2', '2')], eventOrder: Int32Array.of(1, 2, 2) },
    ]);
    expect(merged.map((e) => `${e.aircraftId}:${e.type === 'closed' ? e.key : ''}`)).toEqual([
      'x0:1',
      'x0:2',
      'x1:1',
      'x2:1',
      'x2:2',
      'x3:1',
    ]);
  });

  it('a pair is counted by the shard owning the aircraft whose id sorts first', () => {
    const owners: Record<string, number> = { t10: 1, t9: 0 };
    expect(pairOwner('t9', 't10', (id) => owners[id])).toBe(1);
    expect(pairOwner('t10', 't9', (id) => owners[id])).toBe(1);
  });
});
