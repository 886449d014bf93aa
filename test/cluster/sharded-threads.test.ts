import { deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadTerrainGrid } from '../../server/src/data/terrain.js';
import { monitorShardsFromEnv, ShardedScenarioRun } from '../../server/src/monitor-shards/index.js';
import type { SerializedShardInit, ShardInit } from '../../server/src/monitor-shards/protocol.js';
import { shardInitMessage } from '../../server/src/monitor-shards/threads.js';
import { AirspaceRefs } from '../../server/src/workers/airspace-cache.js';
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

  it('over the terrain model: the threads read the heights in shared memory and judge as the single monitor', async () => {
    const terrain = loadTerrainGrid('terrain');
    expect(terrain.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const cat = loadCatalogue();
    const small = denseScenario(800, 7);
    const over = {
      ...runOptions(small),
      airspace: buildZoneIndex(cat.zones, { version: cat.version, elevation: terrain }),
      sharedEvaluators: true,
    };
    const run = new ScenarioRun(small, over);
    const reference: MonitorEvent[] = [];
    for (let i = 0; i < 20; i++) reference.push(...run.step().monitor);
    // AGL heights over terrain differ from over the sea: a thread without the heights would judge otherwise
    const seaLevel = new ScenarioRun(small, { ...runOptions(small), sharedEvaluators: true });
    const atSea: MonitorEvent[] = [];
    for (let i = 0; i < 20; i++) atSea.push(...seaLevel.step().monitor);
    expect(streamHash(atSea)).not.toBe(streamHash(reference));
    const sharded = await ShardedScenarioRun.start(small, { ...over, shards: 2 });
    try {
      const events: MonitorEvent[] = [];
      for (let i = 0; i < 20; i++) events.push(...(await sharded.step()).monitor);
      expect(firstDifference(reference, events)).toBeNull();
    } finally {
      await sharded.close();
    }
  }, 90_000);

  it('the run description is serialized once for all threads, without the heights: those are posted as shared memory', () => {
    const terrain = loadTerrainGrid('terrain');
    const ground = AirspaceRefs.portableGround(terrain);
    if (ground?.kind !== 'grid') throw new Error('the terrain model should be portable');
    const small = denseScenario(20, 3);
    const init: ShardInit = {
      scenario: small,
      rulebook: opts.rulebook,
      permissions: opts.permissions,
      sharedEvaluators: true,
      withdrawn: [],
      present: [],
      airspace: { zones: [], version: 'v', ground },
    };
    const message = shardInitMessage(init);
    // the very array (its SharedArrayBuffer is what a thread receives), not a copy
    expect(message.ground).toBe(ground);
    expect(message.bytes.byteLength).toBeLessThan(terrain.values.byteLength / 4);
    const back = deserialize(message.bytes) as Partial<SerializedShardInit>;
    expect(back.airspace).toEqual({ zones: [], version: 'v' });
    expect(back.scenario?.flights.length).toBe(20);
  });

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
