import type { TelemetryAccepted } from '@sua-sandbox/rules/protocol';
import type { Router } from 'express';
import type { Principal } from '../auth/principal.js';
import { emitSessionEvent, type LiveServer, telemetryNamespace } from '../sockets/types.js';
import type { RealtimeDeps } from './deps.js';
import { EventBudgets } from './event-budget.js';
import { registerSessionHandlers, sessionRoom, versionCheck } from './handlers.js';
import { authenticateSockets, principalKey } from './principal.js';
import { TokenBuckets } from './rate-limit.js';
import type { Session, SessionSink } from './session.js';
import { SessionManager } from './sessions.js';
import { createTelemetryIngest, registerTelemetryNamespace, telemetryRouter, toAppError } from './telemetry.js';
import { intervalTickSource } from './tick-source.js';

export {
  REALTIME_BUDGET_DEFAULTS,
  REALTIME_BUDGET_MAXIMA,
  type RealtimeBudgetOverrides,
  type RealtimeBudgets,
  resolveBudgets,
} from './budgets.js';
export type { RealtimeDeps, RealtimeLogger, SessionCluster, TelemetryLimits } from './deps.js';
export type { ContingentAt, LiveIntents } from './intent-watch.js';
export {
  addressKey,
  type PrincipalKeyFn,
  principalKey,
  requestPrincipalKey,
  type SocketPrincipalResolver,
  socketPrincipal,
} from './principal.js';
export { RealtimeError } from './rulebook-select.js';
export type { Session, SessionSink } from './session.js';
export type { SessionManager } from './sessions.js';
export { intervalTickSource, type ManualTickSource, manualTickSource, type TickSource } from './tick-source.js';

export interface RealtimeHandle {
  /** every live session (tests and the CLI inspect them) */
  sessions: SessionManager;
  /** resolves when the default session is running (or failed to start: logged, not thrown) */
  ready: Promise<Session | null>;
  /** start (or restart) the default session; registerRealtime already calls it once */
  startDefaultSession(): Promise<Session | null>;
  /**
   * For the server's POST /api/telemetry: validated, rate-limited per source (pass `requestPrincipalKey(req)`,
   * so HTTP and the source's sockets share one budget); throws AppError (400/404/413/429). `declarer`: the
   * sender, whose organisation's (and the public) permissions its aircraft may declare; none: the server's own.
   */
  telemetry(samples: unknown, source: string, declarer?: Principal): Promise<TelemetryAccepted>;
  /** the same as an Express router (`app.use('/api/telemetry', handle.telemetryRouter)`) */
  telemetryRouter: Router;
  close(): Promise<void>;
}

/** A sink that broadcasts to the session's room: one batched `tick` per pass, events as they happen. */
export function roomSink(io: LiveServer, sessionId: string): SessionSink {
  const room = () => io.to(sessionRoom(sessionId));
  return {
    tick: (b) => room().emit('tick', b),
    event: (e) => emitSessionEvent(room(), e),
    snapshot: (s) => room().emit('session:snapshot', s),
  };
}

/**
 * Attach the live simulation (rules/src/protocol) to a socket.io server: sessions in rooms, the version
 * check, the `/telemetry` namespace, and the default session. Called by the server's createApp; never listens.
 */
export function registerRealtime(io: LiveServer, deps: RealtimeDeps): RealtimeHandle {
  const sessions = new SessionManager(
    deps,
    (id) => (deps.sink ? deps.sink(id, roomSink(io, id)) : roomSink(io, id)),
    (id, reason) => io.to(sessionRoom(id)).emit('session:closed', { sessionId: id, reason }),
  );
  io.use(versionCheck);
  if (deps.resolvePrincipal) io.use(authenticateSockets(deps.resolvePrincipal));
  const events = new EventBudgets(sessions.budgets);
  registerSessionHandlers(io, sessions, deps, events);
  deps.cluster?.attach(sessions, io, deps);
  const ingest = createTelemetryIngest(sessions, new TokenBuckets(sessions.budgets.telemetry));
  const nsp = telemetryNamespace(io);
  nsp.use(versionCheck);
  if (deps.resolvePrincipal) nsp.use(authenticateSockets(deps.resolvePrincipal));
  registerTelemetryNamespace(nsp, ingest, {
    events,
    principalKey: deps.principalKey ?? principalKey,
    logger: deps.logger,
  });

  const unsubscribe = (deps.tickSource ?? intervalTickSource()).subscribe((delta) => sessions.pulse(delta));
  const startDefaultSession = async () => {
    try {
      return await sessions.startDefault();
    } catch (err) {
      deps.logger?.error({ err }, 'the default live session could not start');
      return null;
    }
  };
  const ready = startDefaultSession();
  return {
    sessions,
    ready,
    startDefaultSession,
    async telemetry(samples, source, declarer) {
      try {
        return await ingest(samples, source, undefined, declarer);
      } catch (err) {
        throw toAppError(err);
      }
    },
    telemetryRouter: telemetryRouter(ingest),
    async close() {
      unsubscribe();
      await ready;
      for (const s of sessions.all()) sessions.close(s.id, 'server closing');
    },
  };
}
