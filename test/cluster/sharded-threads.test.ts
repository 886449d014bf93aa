import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { monitorShardsFromEnv, ShardedScenarioRun } from '../../server/src/monitor-shards/index.js';
import { runOptions } from '../sim/fixtures.js';
import { denseScenario, firstDifference, streamHash } from '../sim/sharded-helpers.js';

const AIRCRAFT = 2500;
const STEPS = 50;

describe('sharded monitor over worker threads', () => {
  const scenario = denseScenario(AIRCRAFT, 99);
  const opts = { ...runOptions(scenario), sharedEvaluators: true };
  const single: MonitorEvent[] = [];
  const ids: string[] = [];
  const finalFlags = new Map<string, number>();

  it('the single-threaded reference run', () => {
    const run = new ScenarioRun(scenario, opts);
    for (let i = 0; i < STEPS; i++) single.push(...run.step().monitor);
    for (const a of run.sim.aircraft) {
      ids.push(a.flight.id);
      finalFlags.set(a.flight.id, run.monitor.flagsOf(a.flight.id));
    }
    expect(single.length).toBeGreaterThan(500);
  }, 60_000);

  for (const shards of [1, 2, 4])
    it(`${shards} shard thread(s): the same event stream (hash) and flags`, async () => {
      const sharded = await ShardedScenarioRun.start(scenario, { ...opts, shards });
      try {
        const events: MonitorEvent[] = [];
        for (let i = 0; i < STEPS; i++) events.push(...(await sharded.step()).monitor);
        expect(firstDifference(single, events)).toBeNull();
        expect(streamHash(events)).toBe(streamHash(single));
        expect(ids.filter((id) => sharded.monitor.flagsOf(id) !== finalFlags.get(id))).toEqual([]);
        if (shards > 1) expect(sharded.stats.handOffs).toBeGreaterThan(0);
      } finally {
        await sharded.close();
      }
    }, 90_000);

  it('MONITOR_SHARDS: default 1 (the single monitor), bad values named', () => {
    expect(monitorShardsFromEnv({})).toBe(1);
    expect(monitorShardsFromEnv({ MONITOR_SHARDS: '' })).toBe(1);
    expect(monitorShardsFromEnv({ MONITOR_SHARDS: '4' })).toBe(4);
    expect(() => monitorShardsFromEnv({ MONITOR_SHARDS: '0' })).toThrow(/MONITOR_SHARDS/);
    expect(() => monitorShardsFromEnv({ MONITOR_SHARDS: 'two' })).toThrow(/MONITOR_SHARDS/);
  });

  it('the server configuration: sharding off by default; each variable checked and named', () => {
    expect(loadConfig({}, '/repo').monitorSharding).toEqual({
      shards: 1,
      minAircraft: 2000,
      maxSessions: 2,
      processes: false,
    });
    const on = { MONITOR_SHARDS: '2', MONITOR_SHARD_MIN_AIRCRAFT: '500', MONITOR_SHARDED_SESSIONS: '3' };
    expect(loadConfig(on, '/repo').monitorSharding).toEqual({
      shards: 2,
      minAircraft: 500,
      maxSessions: 3,
      processes: false,
    });
    for (const [name, value] of [
      ['MONITOR_SHARDS', '33'],
      ['MONITOR_SHARD_MIN_AIRCRAFT', '0'],
      ['MONITOR_SHARDED_SESSIONS', 'many'],
    ]) {
      expect(() => loadConfig({ [name]: value }, '/repo')).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value }, '/repo')).toThrow(new RegExp(`${name}:`));
    }
    // shard processes are reached over Redis
    expect(() => loadConfig({ MONITOR_SHARD_PROCESSES: '1' }, '/repo')).toThrow(/MONITOR_SHARD_PROCESSES: .*REDIS_URL/);
    const processes = { MONITOR_SHARD_PROCESSES: '1', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadConfig(processes, '/repo').monitorSharding.processes).toBe(true);
  });
});
