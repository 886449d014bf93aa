import type { Rulebook } from '@sua-sandbox/rules/model';
import type { StatePacker } from '@sua-sandbox/rules/protocol';
import {
  type MonitorEvent,
  type MonitoredAircraft,
  type MonitorSample,
  type OpenFinding,
  SampleTable,
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
  /** the simulation's samples and the telemetry aircraft's, when there are any */
  private readonly combined = new SampleTable(0);

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
    run.monitor.setWithdrawnPermissions(opts.withdrawn ?? new Set(), run.simTimeMs);
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
    // the halo: the minimum the shards apply (a draft's trial minima replace the scenario's)
    const { horizontalM } = separationMinima(opts.rulebook, opts.separation ?? scenario.separation);
    return new ShardedScenarioRun(run, new ShardedMonitorCore(threads.links, ids, horizontalM), threads.close);
  }

  get simTimeMs(): number {
    return this.run.simTimeMs;
  }

  get stats(): ShardedMonitorStats {
    return this.monitor.stats;
  }

  /**
   * Advance one step as ScenarioRun.step does: kinematics here, the sharded monitor over every aircraft's sample
   * (`extra`: telemetry aircraft at the new time, after the simulated ones), then the flights' own intents.
   */
  async step(extra: readonly MonitorSample[] = []): Promise<{ world: WorldEvent[]; monitor: MonitorEvent[] }> {
    const world = this.advance();
    const monitor = await this.monitor.observeTable(this.samplesWith(extra), this.simTimeMs);
    // the simulation has not stepped since: its samples are the ones judged
    const intents = this.run.intents?.observe(this.run.samplesNow());
    return { world, monitor: intents?.length ? monitor.concat(intents) : monitor };
  }

  /** Judge everything where it stands (paused: telemetry arrived), as Monitor.observe over the same samples. */
  observeNow(extra: readonly MonitorSample[]): Promise<MonitorEvent[]> {
    return this.monitor.observeTable(this.samplesWith(extra), this.simTimeMs);
  }

  /** The simulation's sample table, or a copy with the telemetry aircraft's samples after its rows. */
  private samplesWith(extra: readonly MonitorSample[]): SampleTable {
    const table = this.run.sim.samples;
    if (extra.length === 0) return table;
    const rows = table.count;
    this.combined.copyFrom(table, rows);
    this.combined.reserve(rows + extra.length);
    extra.forEach((s, k) => {
      this.combined.put(rows + k, s);
    });
    this.combined.count = rows + extra.length;
    return this.combined;
  }

  // The run's own monitor judges nothing, but it keeps each aircraft's evaluator (its category) current.

  async addTrack(info: MonitoredAircraft): Promise<void> {
    this.run.monitor.add(info);
    await this.monitor.addAircraft(info);
  }

  updateTrack(info: MonitoredAircraft): Promise<MonitorEvent[]> {
    this.run.monitor.update(info, this.simTimeMs);
    return this.monitor.control({ type: 'update', aircraft: info, tMs: this.simTimeMs });
  }

  removeTrack(id: string): Promise<MonitorEvent[]> {
    this.run.monitor.remove(id, this.simTimeMs);
    return this.monitor.control({ type: 'remove', id, tMs: this.simTimeMs });
  }

  setWithdrawnPermissions(ids: ReadonlySet<string>): Promise<MonitorEvent[]> {
    this.run.monitor.setWithdrawnPermissions(ids, this.simTimeMs);
    return this.monitor.control({ type: 'withdraw', permissions: [...ids], tMs: this.simTimeMs });
  }

  /** A new rulebook, with the separation minima it brings (none: the scenario's), as ScenarioRun.setRulebook. */
  async setRulebook(rulebook: Rulebook, separation?: Scenario['separation']): Promise<MonitorEvent[]> {
    const minima = separation ?? this.run.scenario.separation;
    this.run.setRulebook(rulebook, separation);
    const haloM = separationMinima(rulebook, minima).horizontalM;
    return this.monitor.setRulebook(rulebook, minima, this.simTimeMs, haloM);
  }

  /** The viewer states of the simulated aircraft, with the flags their shards gave them. */
  packStates(packer: StatePacker): void {
    const list = this.run.sim.aircraft;
    for (let i = 0; i < list.length; i++) this.run.sim.packState(list[i], packer, this.monitor.flagsAtReg(i));
  }

  flagsOf(id: string): number {
    return this.monitor.flagsOf(id);
  }

  openFindings(): OpenFinding[] {
    return this.monitor.openFindings();
  }

  occupancy(): Record<string, string[]> {
    return this.monitor.occupancy();
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
    return this.monitor.observeTable(this.run.sim.samples, this.run.simTimeMs);
  }

  close(): Promise<void> {
    return this.closeThreads();
  }
}
