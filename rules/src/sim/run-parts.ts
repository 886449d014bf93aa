import type { Permission } from '../model/permission.js';
import type { CompiledFlight, CompiledScenario } from './compile.js';
import { LayeredZoneIndex } from './layered-index.js';
import { Monitor, type MonitoredAircraft } from './monitor.js';
import type { ScenarioRunOptions } from './run.js';
import type { ScenarioFlight } from './scenario.js';

/**
 * The parts of a scenario run that judge rather than fly, built the same way wherever they run: in ScenarioRun,
 * and in a monitor shard, which has no simulation and watches only the aircraft over its tiles.
 */

/** The catalogue with the scenario's own zones layered on top (none present yet). */
export function scenarioAirspace(compiled: CompiledScenario, opts: Pick<ScenarioRunOptions, 'airspace'>) {
  return new LayeredZoneIndex(
    opts.airspace,
    compiled.zones.map((z) => z.zone),
    `scenario:${compiled.scenario.id}`,
  );
}

/** The scenario's monitor over `airspace` (build it once the zones present at the start are switched on). */
export function scenarioMonitor(
  compiled: CompiledScenario,
  airspace: LayeredZoneIndex,
  opts: Pick<ScenarioRunOptions, 'rulebook' | 'separation' | 'recheck'>,
): Monitor {
  const scenario = compiled.scenario;
  return new Monitor({
    rulebook: opts.rulebook,
    airspace,
    separation: opts.separation ?? scenario.separation,
    conformance: scenario.conformance,
    utcOffset: compiled.utcOffset,
    closeHoldMs: scenario.findingHoldS * 1000,
    recheck: opts.recheck,
  });
}

/** Flights with the same key share one evaluator (with shared evaluators): all but the pilot's position. */
function profileKeyOf(f: ScenarioFlight, permissions: readonly Permission[]): string {
  return JSON.stringify([
    f.aircraft,
    f.pilot,
    f.responsiblePerson,
    { ...f.operation, pilotPosition: null },
    permissions.map((p) => p.id),
  ]);
}

/** What the monitor watches of one scenario flight (with shared evaluators: its profile, without the plan). */
export function monitoredFlight(flight: CompiledFlight, sharedEvaluators: boolean): MonitoredAircraft {
  const profileKey = sharedEvaluators ? profileKeyOf(flight.flight, flight.permissions) : undefined;
  return {
    id: flight.id,
    flightId: flight.id,
    plan: sharedEvaluators ? undefined : flight.plan,
    profileKey,
    aircraft: flight.plan.aircraft,
    pilot: flight.plan.pilot,
    responsiblePerson: flight.plan.responsiblePerson,
    operation: flight.plan.operation,
    permissions: flight.permissions,
    declared: flight.declared,
  };
}
