import { compileScenario } from '../compile.js';
import type { ScenarioRunOptions } from '../run.js';
import { monitoredFlight, scenarioAirspace, scenarioMonitor } from '../run-parts.js';
import type { Scenario } from '../scenario.js';
import { MonitorShard } from './shard.js';

export interface ScenarioShardOptions
  extends Pick<
    ScenarioRunOptions,
    'rulebook' | 'airspace' | 'permissions' | 'sharedEvaluators' | 'recheck' | 'separation'
  > {
  /** permissions withdrawn when the run starts */
  withdrawn?: ReadonlySet<string>;
  /** the scenario zones present when the run starts (the simulation knows them; a shard has none) */
  present: readonly string[];
  /** a clock in ms for the shard's `workMs` */
  clockMs?: () => number;
}

/**
 * One shard of a scenario run's monitor: the run's airspace and monitor built as ScenarioRun builds them, without
 * the simulation, watching only the aircraft over its tiles. Every aircraft's evaluator is prepared at the start,
 * in the session's order, as the single monitor prepares them (a plan's evaluation depends on the zones present
 * then, and aircraft of one profile share the first one's); the aircraft is watched from when it first comes over
 * the shard. The registry is the scenario's flight order, as in every shard and in the coordinator.
 */
export function scenarioShard(scenario: Scenario, opts: ScenarioShardOptions): MonitorShard {
  const compiled = compileScenario(scenario, { elevation: opts.airspace.elevation, permissions: opts.permissions });
  const airspace = scenarioAirspace(compiled, opts);
  for (const id of opts.present) airspace.setPresent(id, true);
  const monitor = scenarioMonitor(compiled, airspace, opts);
  const withdrawn = opts.withdrawn ?? new Set<string>();
  if (withdrawn.size > 0) monitor.setWithdrawnPermissions(withdrawn, compiled.startMs);
  const aircraft = compiled.flights.map((f) => monitoredFlight(f, opts.sharedEvaluators ?? false));
  return new MonitorShard(monitor, airspace, aircraft, withdrawn, opts.clockMs);
}
