import type { Assumption } from '@sua-sandbox/rules/model';
import {
  ackError,
  ackOk,
  type ErrorCode,
  issuesFromZod,
  PAYLOAD_MAXIMA,
  type TelemetryAccepted,
  TelemetrySample,
} from '@sua-sandbox/rules/protocol';
import express, { type Router } from 'express';
import { z } from 'zod';
import { socketRefusal } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { replyTo, type TelemetryNamespace } from '../sockets/types.js';
import { limitError, REALTIME_BUDGET_DEFAULTS } from './budgets.js';
import type { RealtimeLogger, TelemetryLimits } from './deps.js';
import type { EventBudgets } from './event-budget.js';
import { type PrincipalKeyFn, requestPrincipalKey, socketPrincipal } from './principal.js';
import { TokenBuckets } from './rate-limit.js';
import { RealtimeError } from './rulebook-select.js';
import type { SessionManager } from './sessions.js';

const TelemetrySamples = z.array(TelemetrySample).min(1).max(PAYLOAD_MAXIMA.telemetryBatch);

/** @deprecated the telemetry limits are `REALTIME_BUDGET_DEFAULTS.telemetry` (budgets.ts) */
export const DEFAULT_TELEMETRY_LIMITS: TelemetryLimits = REALTIME_BUDGET_DEFAULTS.telemetry;

/** Token bucket per source (kept under this name: the telemetry budget was its first user). */
export const RateLimiter = TokenBuckets;
export type RateLimiter = TokenBuckets;

/** `declarer`: who sends, for the permissions and intents its aircraft may declare (absent: the server's own feed). */
export type TelemetryIngest = (
  payload: unknown,
  source: string,
  sessionId?: string,
  declarer?: Principal,
) => Promise<TelemetryAccepted>;

/**
 * Validate, rate-limit and route telemetry. `source` is the sender's principal key: its sockets and its HTTP
 * requests share one budget, metered by the node the sample arrives at (in a cluster, the node simulating the
 * session judges it: SessionManager.ingest). Rejects with RealtimeError (invalid_payload, limit, rate_limited,
 * not_found, conflict; `unavailable` while the session moves to another node).
 */
export function createTelemetryIngest(sessions: SessionManager, limiter: TokenBuckets): TelemetryIngest {
  const { ratePerS, burst } = limiter.rate;
  return async (payload, source, sessionId, declarer) => {
    // Metered before parsing: refused floods cost no validation. A batch larger than the burst could never pass.
    const n = Array.isArray(payload) ? payload.length : 1;
    if (n > burst) throw limitError('telemetryBurst', burst, n, `a batch of ${n} samples can never fit the budget`);
    if (!limiter.take(source, Math.max(1, n)))
      throw new RealtimeError(
        'rate_limited',
        `telemetry rate limit exceeded for ${source} (${ratePerS} samples/s, burst ${burst}); slow down and retry`,
        undefined,
        { limit: { name: 'telemetry', max: ratePerS }, retryAfterMs: limiter.retryAfterMs(source, Math.max(1, n)) },
      );
    // Parse with the exact schema (one sample or a batch) so issues name the field, not "invalid union".
    const parsed = Array.isArray(payload) ? TelemetrySamples.safeParse(payload) : TelemetrySample.safeParse(payload);
    if (!parsed.success)
      throw new RealtimeError('invalid_payload', 'invalid telemetry sample', issuesFromZod(parsed.error));
    const samples = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    try {
      return await routeTelemetry(sessions, samples, source, sessionId, declarer);
    } catch (err) {
      // Issue paths start with the sample's index in the batch; a single sample was sent without one.
      if (!(err instanceof RealtimeError) || Array.isArray(payload) || !err.issues) throw err;
      const issues = err.issues.map((i) => ({ ...i, path: i.path.slice(1) }));
      throw new RealtimeError(err.code, err.message, issues, err.extra);
    }
  };
}

/**
 * Route validated samples to their sessions (default: the default session), here or on the node that simulates
 * them (SessionManager.telemetryElsewhere). Issue paths start with the sample's index in `samples`.
 */
async function routeTelemetry(
  sessions: SessionManager,
  samples: readonly TelemetrySample[],
  source: string,
  sessionId: string | undefined,
  declarer: Principal | undefined,
): Promise<TelemetryAccepted> {
  const bySession = new Map<string, number[]>();
  for (const [i, s] of samples.entries()) {
    const target = s.sessionId ?? sessionId ?? sessions.defaultSessionId;
    if (!target || (!sessions.get(target) && !sessions.telemetryElsewhere))
      throw new RealtimeError('not_found', target ? `session "${target}" not found` : 'no live session to feed');
    bySession.set(target, [...(bySession.get(target) ?? []), i]);
  }
  let accepted = 0;
  const assumptions: Assumption[] = [];
  for (const [id, indices] of bySession) {
    const list = indices.map((i) => samples[i]);
    try {
      const res = sessions.get(id)
        ? sessions.ingestHere(list, source, id, declarer)
        : await sessions.telemetryElsewhere?.(list, source, id, declarer);
      accepted += res?.accepted ?? 0;
      assumptions.push(...(res?.assumptions ?? []));
    } catch (err) {
      // the session's issue paths count from its own samples: back to the batch's indices
      if (!(err instanceof RealtimeError) || !err.issues) throw err;
      const issues = err.issues.map((x) => ({
        ...x,
        path: [indices[Number(x.path[0])] ?? x.path[0], ...x.path.slice(1)],
      }));
      throw new RealtimeError(err.code, err.message, issues, err.extra);
    }
  }
  const first = [...bySession.keys()][0];
  return { accepted, sessionId: first ?? sessionId ?? sessions.defaultSessionId ?? '', assumptions };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  not_found: 404,
  conflict: 409,
  limit: 413,
  rate_limited: 429,
};

/** RealtimeError → the server's AppError (HTTP status and problem body; the message names the limit). */
export function toAppError(err: unknown): unknown {
  if (!(err instanceof RealtimeError)) return err;
  return new AppError({
    code: err.code,
    status: STATUS[err.code] ?? 400,
    message: err.message,
    issues: err.issues,
  });
}

/** `POST /` (mount at /api/telemetry): one sample or an array of up to 1,000. */
export function telemetryRouter(ingest: TelemetryIngest): Router {
  const router = express.Router();
  router.post('/', (req, res, next) => {
    ingest(req.body, requestPrincipalKey(req)).then(
      (accepted) => res.json(accepted),
      (err: unknown) => next(toAppError(err)),
    );
  });
  return router;
}

/**
 * The `/telemetry` namespace: `telemetry` events (one sample or an array) with an ack. The target session
 * comes from the sample, the handshake (`auth.sessionId`), or defaults to the live session.
 */
export function registerTelemetryNamespace(
  nsp: TelemetryNamespace,
  ingest: TelemetryIngest,
  opts: { events: EventBudgets; principalKey: PrincipalKeyFn; logger?: RealtimeLogger },
): void {
  nsp.on('connection', (socket) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const sessionId = typeof auth?.sessionId === 'string' ? auth.sessionId : undefined;
    // The source is the principal, not the socket: opening more sockets buys no more budget.
    const source = opts.principalKey(socket);
    const guard = opts.events.guard(socket, source, { meterEvents: false, logger: opts.logger });
    socket.on('telemetry', (payload: unknown, ack?: unknown) => {
      const reply = replyTo<TelemetryAccepted>(ack);
      const refused = socketRefusal('telemetry', socketPrincipal(socket));
      if (refused) return reply(ackError(refused.code, refused.message));
      ingest(payload, source, sessionId, socketPrincipal(socket)).then(
        (accepted) => reply(ackOk(accepted)),
        (err: unknown) => {
          if (err instanceof RealtimeError) reply(ackError(err.code, err.message, err.issues, err.extra));
          else {
            opts.logger?.error({ err }, 'telemetry ingest failed');
            reply(ackError('internal', 'internal error'));
          }
          if (err instanceof RealtimeError && err.code === 'rate_limited') guard.refuse();
        },
      );
    });
  });
}
