import type { ZoneIndex } from '../airspace/types.js';
import type { Permission } from '../model/permission.js';
import type { Aircraft, FlightPlan, Operation, RemotePilot, ResponsiblePerson } from '../model/plan.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import type { NavRoute } from './nav-route.js';

/** An aircraft the monitor watches: a simulated flight (with its plan) or a telemetry source. */
export interface MonitoredAircraft {
  id: string;
  flightId: string;
  plan?: FlightPlan;
  aircraft: Aircraft;
  pilot: RemotePilot;
  responsiblePerson?: ResponsiblePerson;
  operation: Operation;
  permissions: readonly Permission[];
  /** the declared route, for conformance */
  declared?: NavRoute;
  /** aircraft without a plan and with the same profile key share one evaluator (telemetry, benchmarks) */
  profileKey?: string;
}

export interface MonitorSample {
  id: string;
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
  groundSpeedMps: number;
  airborne: boolean;
  pilotLon?: number;
  pilotLat?: number;
  leg?: number;
}

export type CloseReason = 'cleared' | 'rulebook-changed' | 'aircraft-removed' | 'profile-changed';

export type MonitorEvent =
  | { type: 'opened'; aircraftId: string; key: string; finding: Finding; tMs: number }
  | { type: 'closed'; aircraftId: string; key: string; reason: CloseReason; tMs: number }
  | { type: 'enter' | 'exit'; aircraftId: string; zoneId: string; tMs: number };

export interface OpenFinding {
  aircraftId: string;
  key: string;
  finding: Finding;
  openedAtMs: number;
  /** when the condition stopped holding; the finding closes once it has stayed clear for the hold time */
  clearSinceMs?: number;
}

export interface MonitorOptions {
  rulebook: Rulebook;
  airspace: ZoneIndex;
  separation: { horizontalM: number; verticalM: number };
  conformance: { lateralM: number; verticalM: number };
  utcOffset?: string;
  /**
   * A finding closes only after its condition has stayed clear this long (simulated ms), so a value
   * hovering around a limit (a gusty speed) does not open and close it every second. Default 5000.
   */
  closeHoldMs?: number;
  /**
   * When to re-run the rulebook's per-sample rules for an aircraft. A change of the zones containing it, of the
   * airspace or of the pilot's position always triggers it. Otherwise, by default, the engine's margins decide
   * (exact: as if every tick were checked); the fixed steps are for evaluators that cannot give margins
   * (permissions, plan zones). `{ margins: false, all steps 0 }`: every tick.
   */
  recheck?: Partial<RecheckPolicy>;
}

export interface RecheckPolicy {
  /** use the evaluator's margins when it has them */
  margins: boolean;
  distanceM: number;
  altitudeM: number;
  speedKmh: number;
  intervalMs: number;
}

/** Fixed steps: the density of route evaluation samples (engine SPACING_M / STEP_MS), plus height and speed steps. */
export const DEFAULT_RECHECK: RecheckPolicy = {
  margins: true,
  distanceM: 25,
  altitudeM: 2,
  speedKmh: 2,
  intervalMs: 5000,
};
