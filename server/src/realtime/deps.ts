import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Draft, FlightPlan, Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { SessionInfo } from '@sua-sandbox/rules/protocol';
import type { Scenario } from '@sua-sandbox/rules/sim';
import type { TrafficData } from '@sua-sandbox/rules/traffic';
import type { Principal } from '../auth/principal.js';
import type { MonitorSharding, ShardedRunOptions } from '../monitor-shards/index.js';
import type { LiveServer } from '../sockets/types.js';
import type { Rate, RealtimeBudgetOverrides } from './budgets.js';
import type { LiveIntents } from './intent-watch.js';
import type { PrincipalKeyFn, SocketPrincipalResolver } from './principal.js';
import type { Session, SessionSink } from './session.js';
import type { SessionManager } from './sessions.js';
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

/** How a node of a cluster (server/src/cluster) shares sessions: one node simulates each, under a lease. */
export interface SessionCluster {
  /** registerRealtime hands over the sessions and the socket.io server once both exist */
  attach(sessions: SessionManager, io: LiveServer, deps: RealtimeDeps): void;
  /** may this node start session `id` afresh (false: another node runs it, or this node continues it) */
  claim(id: string): Promise<boolean>;
  /**
   * a session now runs on this node (created, forked, the default); resolves once every node can find it (false:
   * the cluster gave its id to another node, and the session was detached here)
   */
  started(session: Session, owner: string | undefined): Promise<boolean>;
  /** a session of this node ended (closed by its owner, idle, failed) */
  closed(id: string): void;
  /** the sessions of the other nodes this principal may see (each node applies its own SessionManager.maySee) */
  listElsewhere(principal: string, role: string | undefined): Promise<SessionInfo[]>;
}

/** What the realtime layer needs from the server. Built in server/src/main.ts (or a test). */
export interface RealtimeDeps {
  /** built-in rulebooks (and stored ones, if any); the newest in force is the session default */
  rulebooks: () => MaybePromise<Rulebook[]>;
  /**
   * stored drafts, for `set-rulebook {draftId}`: undefined for a draft `reader` may not read (the access policy's
   * readsStoredDrafts), as for one that does not exist; no reader: the server's own request
   */
  drafts?: { get(id: string, reader?: Principal): MaybePromise<Draft | undefined> };
  /** stored plans, for `session:create {plans: [id]}`: undefined for another organisation's plan */
  plans?: { get(id: string, reader?: Principal): MaybePromise<FlightPlan | undefined> };
  /** the catalogue index; sessions add their scenario zones on top of `airspace.zones` */
  airspace: ZoneIndex;
  permissions: () => MaybePromise<Permission[]>;
  /** permission id → the organisation an approval made it for (absent: public); default: every one public */
  permissionHolders?: () => MaybePromise<ReadonlyMap<string, string>>;
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
  /** operational intents (issue 16): telemetry aircraft declaring one are monitored for conformance to it */
  intents?: LiveIntents;
  /** the base traffic data a draft's `set-traffic-parameter` changes apply to (default: rules/data/traffic) */
  traffic?: () => TrafficData;
  /** MONITOR_SHARDS above 1: big sessions judged by shard threads (sharded-session.ts); default: none */
  monitorSharding?: Omit<MonitorSharding, 'processes'> & { startShards?: ShardedRunOptions['startShards'] };
  /** with REDIS_URL: sessions leased to one node of a cluster, taken over from checkpoints (server/src/cluster) */
  cluster?: SessionCluster;
}
