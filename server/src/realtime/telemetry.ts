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
import { type LiveIntents, undeclarableIntents } from './intent-watch.js';
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

/** `declarer`: who sends, for the permissions its aircraft may declare (absent: the server's own feed). */
export type TelemetryIngest = (
  payload: unknown,
  source: string,
  sessionId?: string,
  declarer?: Principal,
) => TelemetryAccepted;

/**
 * Validate, rate-limit and route telemetry. `source` is the sender's principal key: its sockets and its HTTP
 * requests share one budget. Throws RealtimeError (invalid_payload, limit, rate_limited, not_found).
 */
export function createTelemetryIngest(
  sessions: SessionManager,
  limiter: TokenBuckets,
  intents?: LiveIntents,
): TelemetryIngest {
  const { ratePerS, burst } = limiter.rate;
  return (payload, source, sessionId, declarer) => {
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
      const refused = intents ? undeclarableIntents(samples, intents, declarer) : [];
      if (refused.length > 0) throw new RealtimeError('invalid_payload', 'invalid telemetry intent', refused);
      return sessions.ingest(samples, source, sessionId, declarer);
    } catch (err) {
      // Issue paths start with the sample's index in the batch; a single sample was sent without one.
      if (!(err instanceof RealtimeError) || Array.isArray(payload) || !err.issues) throw err;
      const issues = err.issues.map((i) => ({ ...i, path: i.path.slice(1) }));
      throw new RealtimeError(err.code, err.message, issues, err.extra);
    }
  };
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
    try {
      res.json(ingest(req.body, requestPrincipalKey(req)));
    } catch (err) {
      next(toAppError(err));
    }
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
      try {
        reply(ackOk(ingest(payload, source, sessionId, socketPrincipal(socket))));
      } catch (err) {
        if (err instanceof RealtimeError) reply(ackError(err.code, err.message, err.issues, err.extra));
        else reply(ackError('internal', 'internal error'));
        if (err instanceof RealtimeError && err.code === 'rate_limited') guard.refuse();
      }
    });
  });
}
