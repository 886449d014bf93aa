import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Draft, FlightPlan, Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { Scenario } from '@sua-sandbox/rules/sim';
import type { Rate, RealtimeBudgetOverrides } from './budgets.js';
import type { PrincipalKeyFn, SocketPrincipalResolver } from './principal.js';
import type { SessionSink } from './session.js';
import type { TickSource } from './tick-source.js';

type MaybePromise<T> = T | Promise<T>;

/** pino-compatible subset. */
export interface RealtimeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Per-source telemetry limits (token bucket per source: sockets and HTTP of one principal share it). */
export type TelemetryLimits = Rate;

/** What the realtime layer needs from the server. Built in server/src/main.ts (or a test). */
export interface RealtimeDeps {
  /** built-in rulebooks (and stored ones, if any); the newest in force is the session default */
  rulebooks: () => MaybePromise<Rulebook[]>;
  /** stored drafts, for `set-rulebook {draftId}` */
  drafts?: { get(id: string): MaybePromise<Draft | undefined> };
  /** stored plans, for `session:create {plans: [id]}` */
  plans?: { get(id: string): MaybePromise<FlightPlan | undefined> };
  /** the catalogue index; sessions add their scenario zones on top of `airspace.zones` */
  airspace: ZoneIndex;
  permissions: () => MaybePromise<Permission[]>;
  /** ids among `permissions` that do not cover now (suspended, revoked); default none */
  withdrawnPermissions?: () => MaybePromise<ReadonlySet<string>>;
  scenarios: () => MaybePromise<Scenario[]>;
  logger?: RealtimeLogger;
  /** drives every session loop; default: a wall-clock interval. Tests inject a manual one. */
  tickSource?: TickSource;
  /** start this scenario as the default live session (null: none). Default: the scenario marked `default`. */
  defaultScenarioId?: string | null;
  /** event, session, seek and telemetry budgets (budgets.ts: defaults, and maxima they may not exceed) */
  budgets?: RealtimeBudgetOverrides;
  /** who a socket is, for budgets and session ownership (default: its user, else its client address) */
  principalKey?: PrincipalKeyFn;
  /** authenticates socket handshakes (the session cookie or a bearer token); default: everyone anonymous */
  resolvePrincipal?: SocketPrincipalResolver;
  /** @deprecated use `budgets.telemetry` */
  telemetryLimits?: TelemetryLimits;
  /** @deprecated use `budgets.sessionsTotal` */
  maxSessions?: number;
  /** scenarios with more flights than this share evaluators per aircraft/crew profile (default 200) */
  sharedEvaluatorsAbove?: number;
  /** how a session's output reaches its room (default: batched, one `tick` per pass); benchmarks swap it */
  sink?: (sessionId: string, batched: SessionSink) => SessionSink;
}
