import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { RulebookRef, Snapshot, TickBatch } from '@sua-sandbox/rules/protocol';
import type { Scenario } from '@sua-sandbox/rules/sim';
import type { SeparationMinima } from '@sua-sandbox/rules/traffic';
import type { RealtimeBudgets } from './budgets.js';
import type { LoggedEvent } from './event-log.js';
import type { LiveIntents } from './intent-watch.js';

/** Where a session's output goes (socket.io rooms in the server, arrays in tests and benchmarks). */
export interface SessionSink {
  tick(batch: TickBatch): void;
  event(e: LoggedEvent): void;
  snapshot(s: Snapshot): void;
}

export interface SessionConfig {
  id: string;
  title: string;
  scenario: Scenario;
  rulebook: Rulebook;
  rulebookRef: RulebookRef;
  /** the separation minima the rulebook's draft trials, replacing the scenario's (none: the scenario's) */
  separation?: SeparationMinima;
  airspace: ZoneIndex;
  permissions: readonly Permission[];
  /** ids among `permissions` that do not cover now (suspended, revoked): flights declaring one are judged without */
  withdrawnPermissions?: ReadonlySet<string>;
  speed?: number;
  playing?: boolean;
  /** restart from the beginning at the end (the default live session) */
  loop?: boolean;
  /** most simulation steps one pulse may run (a slow machine drops time rather than falling behind) */
  maxStepsPerPulse?: number;
  /** telemetry tracks not heard from for this long (wall ms) are removed */
  trackTimeoutMs?: number;
  logCapacity?: number;
  /** judge flights with shared per-profile evaluators (fast set-up for big scenarios; no per-plan evaluation) */
  sharedEvaluators?: boolean;
  /** a session from plans that its owner shares with every viewer (SessionManager.maySee) */
  shared?: boolean;
  /** seek, step and telemetry budgets (default: REALTIME_BUDGET_DEFAULTS) */
  budgets?: Pick<RealtimeBudgets, 'seekAircraftSteps' | 'seekWallMs' | 'aircraftPerSession' | 'tracksPerSource'>;
  /** operational intents: telemetry aircraft declaring one are monitored for conformance (intent-watch.ts) */
  intents?: LiveIntents;
  /** takes a server-wide slot for heavy work (seek, long step) and returns its release; throws when none is free */
  workSlot?: () => () => void;
}
