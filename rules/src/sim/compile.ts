import type { ElevationModel } from '../airspace/types.js';
import type { Permission } from '../model/permission.js';
import type { FlightPlan } from '../model/plan.js';
import { speedToKmh } from '../model/units.js';
import type { Zone } from '../model/zone.js';
import type { Airframe } from './kinematics.js';
import { compileNavRoute, type NavRoute } from './nav-route.js';
import type { Scenario, ScenarioEvent, ScenarioFlight } from './scenario.js';

/** A scenario that refers to something that does not exist (a permission id); names the field. */
export class ScenarioError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(`${path.join('.')}: ${message}`);
    this.name = 'ScenarioError';
  }
}

export interface CompiledFlight {
  index: number;
  /** aircraft id in the session (the flight id) */
  id: string;
  /** English name (the only one when the scenario gives a plain string) */
  label: string;
  /** Traditional Chinese name, when the scenario gives one */
  labelZh?: string;
  /** the aircraft model described in Traditional Chinese, when the scenario gives it */
  modelZh?: string;
  flight: ScenarioFlight;
  /** the declared plan, as the rule engine sees it */
  plan: FlightPlan;
  declared: NavRoute;
  flown: NavRoute;
  airframe: Airframe;
  home: [number, number];
  takeOffMs: number;
  permissions: Permission[];
}

/** A change to the session's zones at a time. */
export interface TimedZone {
  zone: Zone;
  fromMs: number;
  toMs: number | null;
}

export interface CompiledScenario {
  scenario: Scenario;
  startMs: number;
  durationMs: number;
  utcOffset: string;
  flights: CompiledFlight[];
  zones: TimedZone[];
  /** every event except crowds (which become zones), sorted by time (stable) */
  events: ScenarioEvent[];
}

/** "2025-06-06T11:30:00+08:00" for an epoch ms, in the scenario's offset. */
export function isoAt(ms: number, utcOffset: string): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  const shifted = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString();
  return shifted.replace(/\.\d{3}Z$/, '').replace(/Z$/, '') + utcOffset;
}

function offsetOf(instant: string): string {
  const m = /([+-]\d{2}:\d{2})$/.exec(instant);
  return m ? m[1] : '+00:00';
}

function resolvePermissions(
  refs: readonly (string | Permission)[],
  known: ReadonlyMap<string, Permission>,
  path: (string | number)[],
): Permission[] {
  return refs.map((ref, i) => {
    if (typeof ref !== 'string') return ref;
    const p = known.get(ref);
    if (!p) throw new ScenarioError([...path, i], `unknown permission or sandbox project "${ref}"`);
    return p;
  });
}

function airframeOf(s: Scenario, f: ScenarioFlight): Airframe {
  const perf = s.aircraft[f.aircraft].performance;
  return {
    climbMps: perf.climbRateMps,
    descentMps: perf.descentRateMps,
    turnRateDegS: perf.turnRateDegS,
    accelMps2: perf.accelMps2,
    maxSpeedMps: speedToKmh(perf.maxSpeed) / 3.6,
    cruiseMps: speedToKmh(perf.cruiseSpeed) / 3.6,
    rthHeightM: perf.rthAltitudeM,
  };
}

export function compileScenario(
  scenario: Scenario,
  opts: { elevation: ElevationModel; permissions: readonly Permission[] },
): CompiledScenario {
  const startMs = Date.parse(scenario.start);
  const utcOffset = offsetOf(scenario.start);
  const known = new Map(opts.permissions.map((p) => [p.id, p]));
  const shared = resolvePermissions(scenario.permissions, known, ['permissions']);
  const flights = scenario.flights.map((f, index): CompiledFlight => {
    const airframe = airframeOf(scenario, f);
    const own = resolvePermissions(f.permissions, known, ['flights', index, 'permissions']);
    const permissions = [...own, ...shared.filter((p) => !own.some((o) => o.id === p.id))];
    const takeOffMs = startMs + f.startS * 1000;
    const names = typeof f.label === 'string' ? { en: f.label, zh: undefined } : f.label;
    const { performance: _perf, modelZh, ...aircraft } = scenario.aircraft[f.aircraft];
    const plan: FlightPlan = {
      id: f.id,
      name: names.en,
      aircraft,
      pilot: scenario.crew.pilots[f.pilot],
      responsiblePerson: scenario.crew.responsiblePersons[f.responsiblePerson],
      operation: f.operation,
      route: f.route,
      start: isoAt(takeOffMs, utcOffset),
      permissions,
      extraZones: [],
    };
    const declared = compileNavRoute(f.route, opts.elevation, airframe.cruiseMps);
    const flown = f.flown ? compileNavRoute(f.flown, opts.elevation, airframe.cruiseMps) : declared;
    const [homeLon, homeLat] = flown.xyz;
    return {
      index,
      id: f.id,
      label: names.en,
      ...(names.zh ? { labelZh: names.zh } : {}),
      ...(modelZh ? { modelZh } : {}),
      flight: f,
      plan,
      declared,
      flown,
      airframe,
      home: f.home ?? [homeLon, homeLat],
      takeOffMs,
      permissions,
    };
  });
  const zones: TimedZone[] = scenario.zones.map(({ appearAtS, removeAtS, ...zone }) => ({
    zone,
    fromMs: startMs + (appearAtS ?? 0) * 1000,
    toMs: removeAtS === undefined ? null : startMs + removeAtS * 1000,
  }));
  for (const e of scenario.events)
    if (e.type === 'crowd')
      zones.push({
        zone: e.zone,
        fromMs: startMs + e.atS * 1000,
        toMs: e.durationS === undefined ? null : startMs + (e.atS + e.durationS) * 1000,
      });
  const events = scenario.events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.type !== 'crowd')
    .sort((a, b) => a.e.atS - b.e.atS || a.i - b.i)
    .map(({ e }) => e);
  return { scenario, startMs, durationMs: scenario.durationS * 1000, utcOffset, flights, zones, events };
}
