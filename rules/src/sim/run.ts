import type { ZoneIndex } from '../airspace/types.js';
import type { Permission } from '../model/permission.js';
import type { Rulebook } from '../model/rulebook.js';
import type { AircraftState, StatePacker } from '../protocol/aircraft-state.js';
import type { TrafficParams } from '../traffic/params.js';
import { type CompiledScenario, compileScenario } from './compile.js';
import type { LayeredZoneIndex } from './layered-index.js';
import type { Monitor, MonitorEvent, MonitorSample, RecheckPolicy } from './monitor.js';
import { monitoredFlight, scenarioAirspace, scenarioMonitor } from './run-parts.js';
import { blankSample } from './sample-table.js';
import type { Scenario } from './scenario.js';
import { ScenarioIntents } from './scenario-intents.js';
import { type SimAircraft, Simulation, type WorldEvent } from './simulation.js';

export interface ScenarioRunOptions {
  rulebook: Rulebook;
  /** the catalogue index; the scenario's own zones are layered on top */
  airspace: ZoneIndex;
  /** known permissions (sandbox projects), to resolve the ids flights declare */
  permissions: readonly Permission[];
  /**
   * Judge flights without their full plan evaluation, sharing one evaluator per aircraft/crew/operation
   * profile: much faster to set up for thousands of aircraft (benchmarks, large sessions); plan-level
   * findings then come from the profile alone.
   */
  sharedEvaluators?: boolean;
  /** when the monitor re-runs the per-sample rules (default: the engine's margins; see RecheckPolicy) */
  recheck?: Partial<RecheckPolicy>;
  /** separation minima replacing the scenario's (a draft trialling them: traffic params `separation`) */
  separation?: Scenario['separation'];
  /** traffic parameters: flights declaring an operational intent (`intent: true`) are watched for conformance */
  traffic?: TrafficParams;
}

export interface StepResult {
  world: WorldEvent[];
  monitor: MonitorEvent[];
}

/**
 * One scenario being flown and watched: the simulation, the layered airspace and the monitor, stepped
 * together. Pure and deterministic; the server wraps it in a session, the CLI and tests run it flat out.
 */
export class ScenarioRun {
  readonly compiled: CompiledScenario;
  readonly sim: Simulation;
  readonly airspace: LayeredZoneIndex;
  readonly monitor: Monitor;
  /** the operational intents of the flights declaring one (with traffic parameters given) */
  readonly intents: ScenarioIntents | undefined;
  private readonly sampleBuf: MonitorSample[] = [];

  constructor(
    readonly scenario: Scenario,
    opts: ScenarioRunOptions,
  ) {
    this.compiled = compileScenario(scenario, { elevation: opts.airspace.elevation, permissions: opts.permissions });
    this.airspace = scenarioAirspace(this.compiled, opts);
    this.sim = new Simulation(this.compiled, opts.airspace.elevation);
    for (const z of this.sim.zones()) this.airspace.setPresent(z.id, true);
    this.monitor = scenarioMonitor(this.compiled, this.airspace, opts);
    this.intents = opts.traffic
      ? new ScenarioIntents(scenario.id, this.compiled.flights, opts.traffic, opts.airspace.elevation)
      : undefined;
    for (const a of this.sim.aircraft) this.monitor.add(monitoredFlight(a.flight, opts.sharedEvaluators ?? false));
  }

  get simTimeMs(): number {
    return this.sim.simTimeMs;
  }

  get done(): boolean {
    return this.sim.done;
  }

  /** Aircraft `a`'s sample now, in a new record. */
  sampleOf(a: SimAircraft): MonitorSample {
    return this.sim.samples.read(a.row, blankSample());
  }

  /**
   * The samples of all simulated aircraft now, in records reused from step to step: thousands of fresh
   * objects alive through a whole monitor pass would be promoted by the GC and collected later at a cost.
   * (The monitor keeps the latest sample per aircraft, which these records are; it copies what it keeps longer.)
   * The next call overwrites them. They are read from the simulation's sample table (a sharded monitor reads the
   * table itself).
   */
  samplesNow(): MonitorSample[] {
    const table = this.sim.samples;
    const out = this.sampleBuf;
    // row i is aircraft i, always: a record once made stays that aircraft's
    for (let i = 0; i < table.count; i++) {
      out[i] ??= blankSample();
      table.read(i, out[i]);
    }
    out.length = table.count;
    return out;
  }

  /** Advance one step; `extra` are samples of non-simulated aircraft (telemetry) at the new time. */
  step(extra: readonly MonitorSample[] = []): StepResult {
    const world = this.sim.step();
    for (const e of world) {
      if (e.type === 'zone-added') this.airspace.setPresent(e.zone.id, true);
      else if (e.type === 'zone-removed') this.airspace.setPresent(e.zoneId, false);
      else continue;
      this.monitor.airspaceChanged();
    }
    const samples = this.samplesNow();
    const monitor = this.monitor.observe(extra.length > 0 ? samples.concat(extra) : samples, this.sim.simTimeMs);
    const intents = this.intents?.observe(samples);
    return { world, monitor: intents?.length ? monitor.concat(intents) : monitor };
  }

  /** A new rulebook, with the separation minima it brings (none: the scenario's). */
  setRulebook(rulebook: Rulebook, separation?: Scenario['separation']): MonitorEvent[] {
    return this.monitor.setRulebook(rulebook, this.sim.simTimeMs, separation ?? this.scenario.separation);
  }

  /** The viewer states of the simulated aircraft (with the monitor's flags), written into a packed block. */
  packStates(packer: StatePacker): void {
    const list = this.sim.aircraft;
    for (let i = 0; i < list.length; i++)
      this.sim.packState(list[i], packer, this.monitor.flagsAt(i, list[i].flight.id));
  }

  /** Viewer states of the simulated aircraft, with the monitor's flags. */
  states(): AircraftState[] {
    return this.sim.aircraft.map((a) => {
      const s = this.sim.stateOf(a);
      s.flags |= this.monitor.flagsOf(s.id);
      return s;
    });
  }
}
