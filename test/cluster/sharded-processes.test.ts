import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorEvent, MonitorSample } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { monitoredFlight } from '../../rules/src/sim/run-parts.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { ShardedScenarioRun } from '../../server/src/monitor-shards/index.js';
import { startShardProcesses } from '../../server/src/monitor-shards/redis-link.js';
import { runOptions } from '../sim/fixtures.js';
import { denseScenario, firstDifference, streamHash } from '../sim/sharded-helpers.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix, until } from './nodes.js';
import { type ShardCli, startShardCli } from './shard-cli.js';

const AIRCRAFT = 2000;
const STEPS = 40;

/** ShardedScenarioRun with its shards in `monitor-shard` processes (the `startShards` seam) instead of threads. */
async function shardedOverProcesses(scenario: Scenario, opts: ReturnType<typeof runOptions>, prefix: string) {
  const run = await ShardedScenarioRun.start(scenario, {
    ...opts,
    sharedEvaluators: true,
    shards: 2,
    startShards: (init, n) => startShardProcesses(init, n, { redisUrl: REDIS_URL, prefix, startTimeoutMs: 30_000 }),
  });
  const ids = run.run.sim.aircraft.map((a) => a.flight.id);
  const step = async (): Promise<MonitorEvent[]> => (await run.step()).monitor;
  return { core: run.monitor, ids, step, close: () => run.close() };
}

describe('sharded monitor over `sua-sandbox monitor-shard` processes (Redis)', () => {
  const prefix = testPrefix();
  const scenario = denseScenario(AIRCRAFT, 7);
  const opts = runOptions(scenario);
  let redis: Redis;
  const procs: ShardCli[] = [];

  beforeAll(async () => {
    redis = await requireRedis();
    procs.push(startShardCli(prefix), startShardCli(prefix));
    await Promise.all(procs.map((p) => p.ready));
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it(`${AIRCRAFT} aircraft over ${STEPS} s in 2 shard processes: the single monitor's event stream (hash) and flags`, async () => {
    const single = new ScenarioRun(scenario, { ...opts, sharedEvaluators: true });
    const expected: MonitorEvent[] = [];
    for (let i = 0; i < STEPS; i++) expected.push(...single.step().monitor);
    expect(expected.length).toBeGreaterThan(300);

    const sharded = await shardedOverProcesses(scenario, opts, prefix);
    try {
      const events: MonitorEvent[] = [];
      for (let i = 0; i < STEPS; i++) events.push(...(await sharded.step()));
      expect(firstDifference(expected, events)).toBeNull();
      expect(streamHash(events)).toBe(streamHash(expected));
      const flagMismatches = sharded.ids.filter((id) => sharded.core.flagsOf(id) !== single.monitor.flagsOf(id));
      expect(flagMismatches).toEqual([]);
      // the run crossed tile borders (state handed between the processes) and used halo traffic
      expect(sharded.core.stats.handOffs).toBeGreaterThan(10);
      expect(sharded.core.stats.haloSamples).toBeGreaterThan(0);
    } finally {
      await sharded.close();
    }
    // both processes served a slot of the run and went back to waiting for the next one
    for (const p of procs)
      await until(
        () => p.output().includes('monitor shard done: its run closed'),
        'the shard processes to leave the run',
      );
  }, 120_000);

  it('between ticks over Redis: a telemetry aircraft, a withdrawn permission and a rulebook swap as the single monitor', async () => {
    const permission = opts.permissions[0];
    const declaring = {
      ...scenario,
      flights: scenario.flights.map((f, i) => (i % 3 === 0 ? { ...f, permissions: [permission.id] } : f)),
    };
    const single = new ScenarioRun(declaring, { ...opts, sharedEvaluators: true });
    const run = await ShardedScenarioRun.start(declaring, {
      ...opts,
      sharedEvaluators: true,
      shards: 2,
      startShards: (init, n) => startShardProcesses(init, n, { redisUrl: REDIS_URL, prefix, startTimeoutMs: 30_000 }),
    });
    const track = { ...monitoredFlight(single.compiled.flights[0], true), id: 'feed-1', flightId: 'feed-1' };
    const feed = (i: number): MonitorSample => ({
      id: 'feed-1',
      lon: 114.152 + 0.0012 * i,
      lat: 22.31,
      altAmslM: 70,
      tMs: single.simTimeMs + single.sim.stepMs,
      groundSpeedMps: 14,
      airborne: true,
    });
    const a: MonitorEvent[] = [];
    const b: MonitorEvent[] = [];
    try {
      for (let i = 0; i < 30; i++) {
        if (i === 3) {
          single.monitor.add(track);
          await run.addTrack(track);
        }
        if (i === 10) {
          a.push(...single.monitor.setWithdrawnPermissions(new Set([permission.id]), single.simTimeMs));
          b.push(...(await run.setWithdrawnPermissions(new Set([permission.id]))));
        }
        if (i === 18) {
          const separation = { horizontalM: 3 * declaring.separation.horizontalM, verticalM: 40 };
          a.push(...single.setRulebook(opts.rulebook, separation));
          b.push(...(await run.setRulebook(opts.rulebook, separation)));
        }
        const extra = i >= 3 ? [feed(i)] : [];
        a.push(...single.step(extra).monitor);
        b.push(...(await run.step(extra)).monitor);
      }
      expect(firstDifference(a, b)).toBeNull();
      expect(streamHash(b)).toBe(streamHash(a));
      const reasons = new Set(a.flatMap((e) => (e.type === 'closed' ? [e.reason] : [])));
      expect(reasons).toContain('profile-changed');
      expect(reasons).toContain('rulebook-changed');
      expect(a.some((e) => e.aircraftId === 'feed-1')).toBe(true);
    } finally {
      await run.close();
    }
  }, 120_000);

  it('a shard process that cannot build the run: start rejects with its error', async () => {
    const header = {
      format: 'sua-terrain-grid/1' as const,
      id: 'broken',
      title: 'broken',
      west: 114,
      north: 22.5,
      cellDeg: 0.01,
      cols: 2,
      rows: 2,
      unitM: 1,
      resolutionM: 30,
      verticalAccuracyM: 5,
      datum: 'HKPD',
      sources: [],
      attribution: '',
      licence: '',
      sourceUrl: 'https://example.org/',
    };
    const broken = startShardProcesses(
      {
        scenario,
        rulebook: opts.rulebook,
        permissions: opts.permissions,
        sharedEvaluators: true,
        withdrawn: [],
        present: [],
        // 4 cells, 1 value: the shard's ground model cannot be rebuilt
        airspace: {
          zones: [],
          version: 'broken',
          ground: { kind: 'grid', header, values: new Int16Array(1), alternates: [] },
        },
      },
      1,
      { redisUrl: REDIS_URL, prefix, startTimeoutMs: 30_000 },
    );
    await expect(broken).rejects.toThrow(/could not build the run: .*expected cols × rows = 4 values, found 1/);
  }, 60_000);

  it('kill -9 of a shard process: the next tick rejects within seconds, naming the shard', async () => {
    const sharded = await shardedOverProcesses(scenario, opts, prefix);
    try {
      for (let i = 0; i < 3; i++) await sharded.step();
      procs[0].child.kill('SIGKILL');
      await procs[0].exited;
      const bound = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000));
      const outcome = await Promise.race([
        (async () => {
          for (let i = 0; i < 20; i++) await sharded.step();
          return 'every tick answered';
        })().catch((err: Error) => err.message),
        bound,
      ]);
      expect(outcome).toMatch(
        /monitor shard \d of run \w+ \(a monitor-shard process\) is gone: its Redis connection closed/,
      );
      // a failed shard fails every later tick at once
      await expect(sharded.step()).rejects.toThrow(/is gone/);
    } finally {
      await sharded.close();
    }
  }, 60_000);

  it('too few shard processes: start rejects, saying how many to start', async () => {
    const started = Date.now();
    const few = startShardProcesses(
      {
        scenario,
        rulebook: opts.rulebook,
        permissions: opts.permissions,
        sharedEvaluators: true,
        withdrawn: [],
        present: [],
        airspace: { zones: [], version: 'none', ground: { kind: 'sea-level' } },
      },
      2,
      { redisUrl: REDIS_URL, prefix, startTimeoutMs: 4_000 },
    );
    await expect(few).rejects.toThrow(/only 1 of 2 monitor shards .* start at least 2 of them/);
    expect(Date.now() - started).toBeLessThan(30_000);
    // the claim nobody took is withdrawn: no process will build a run that is gone
    expect(await redis.lrange(`${prefix}monitor-shard:slots`, 0, -1)).toEqual([]);
  }, 60_000);

  it('SIGTERM: the process leaves and exits 0', async () => {
    procs[1].child.kill('SIGTERM');
    expect(await procs[1].exited).toBe(0);
  }, 30_000);
});
