import {
  type MonitorEvent,
  type Scenario,
  ScenarioRun,
  type ScenarioRunOptions,
  ShardedMonitorCore,
  type ShardedMonitorStats,
  separationMinima,
  type WorldEvent,
} from '@sua-sandbox/rules/sim';
import { AirspaceRefs } from '../workers/airspace-cache.js';
import type { ShardInit } from './protocol.js';
import { type ShardThreads, startShardThreads } from './threads.js';

export interface ShardedRunOptions extends ScenarioRunOptions {
  /** monitor shards (worker threads), at least 1 */
  shards: number;
  /** permissions withdrawn when the run starts */
  withdrawn?: ReadonlySet<string>;
  /** where the shards run: worker threads (default), or e.g. `sua-sandbox monitor-shard` processes over Redis */
  startShards?: (init: ShardInit, n: number) => Promise<ShardThreads>;
}

/**
 * A scenario run whose monitor is sharded over worker threads: the simulation steps here, each shard thread judges
 * the aircraft over its tiles, and `step` answers the same world and monitor events as ScenarioRun.step (in the
 * same order) once the shards have answered.
 */
export class ShardedScenarioRun {
  private constructor(
    /** the simulation (its own monitor is not used) */
    readonly run: ScenarioRun,
    readonly monitor: ShardedMonitorCore,
    private readonly closeThreads: () => Promise<void>,
  ) {}

  static async start(scenario: Scenario, opts: ShardedRunOptions): Promise<ShardedScenarioRun> {
    if (!Number.isInteger(opts.shards) || opts.shards < 1) throw new Error('shards must be a positive integer');
    const ground = AirspaceRefs.portableGround(opts.airspace.elevation);
    if (!ground) throw new Error('the airspace’s ground model cannot be rebuilt in a shard thread');
    // Here only the simulation is stepped: the run's own monitor would watch nothing, so give it no evaluators.
    const run = new ScenarioRun(scenario, { ...opts, sharedEvaluators: true });
    const init: ShardInit = {
      scenario,
      rulebook: opts.rulebook,
      permissions: opts.permissions,
      sharedEvaluators: opts.sharedEvaluators ?? false,
      recheck: opts.recheck,
      withdrawn: [...(opts.withdrawn ?? [])],
      present: run.sim.zones().map((z) => z.id),
      airspace: { zones: [...opts.airspace.zones], version: opts.airspace.version, ground },
    };
    if (opts.separation) init.separation = opts.separation;
    const threads = await (opts.startShards ?? startShardThreads)(init, opts.shards);
    const ids = run.sim.aircraft.map((a) => a.flight.id);
    const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
    return new ShardedScenarioRun(run, new ShardedMonitorCore(threads.links, ids, horizontalM), threads.close);
  }

  get simTimeMs(): number {
    return this.run.simTimeMs;
  }

  get stats(): ShardedMonitorStats {
    return this.monitor.stats;
  }

  /** Advance one step: kinematics here, then the sharded monitor over every aircraft's sample. */
  async step(): Promise<{ world: WorldEvent[]; monitor: MonitorEvent[] }> {
    const world = this.advance();
    return { world, monitor: await this.judge() };
  }

  /** The kinematics of one step (zone changes are passed on to the shards with the next judgement). */
  advance(): WorldEvent[] {
    const world = this.run.sim.step();
    for (const e of world) {
      if (e.type !== 'zone-added' && e.type !== 'zone-removed') continue;
      const id = e.type === 'zone-added' ? e.zone.id : e.zoneId;
      this.run.airspace.setPresent(id, e.type === 'zone-added');
      this.monitor.setZonePresent(id, e.type === 'zone-added');
      this.monitor.airspaceChanged();
    }
    return world;
  }

  /** The sharded monitor over every aircraft's sample now. */
  judge(): Promise<MonitorEvent[]> {
    const samples = this.run.samplesNow();
    return this.monitor.observe(samples, this.run.simTimeMs);
  }

  close(): Promise<void> {
    return this.closeThreads();
  }
}
