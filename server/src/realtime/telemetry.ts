import express, { type Router } from 'express';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import {
  ackError,
  ackOk,
  issuesFromZod,
  type TelemetryAccepted,
  TelemetrySample,
} from '../../../rules/src/protocol/index.js';
import { AppError } from '../errors.js';
import type { TelemetryLimits } from './deps.js';
import { RealtimeError } from './rulebook-select.js';
import type { SessionManager } from './sessions.js';

const TelemetrySamples = z.array(TelemetrySample).min(1).max(1000);

export const DEFAULT_TELEMETRY_LIMITS: TelemetryLimits = { ratePerS: 50, burst: 200 };

/** Token bucket per source: `burst` samples at once, refilled at `ratePerS`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: TelemetryLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Take `n` tokens for `source`; false (and nothing taken) when there are not enough. */
  take(source: string, n: number): boolean {
    const t = this.now();
    const b = this.buckets.get(source) ?? { tokens: this.limits.burst, at: t };
    b.tokens = Math.min(this.limits.burst, b.tokens + ((t - b.at) / 1000) * this.limits.ratePerS);
    b.at = t;
    this.buckets.set(source, b);
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }

  forget(source: string): void {
    this.buckets.delete(source);
  }
}

export type TelemetryIngest = (payload: unknown, source: string, sessionId?: string) => TelemetryAccepted;

/** Validate, rate-limit and route telemetry. Throws RealtimeError (invalid-payload, rate-limited, not-found). */
export function createTelemetryIngest(sessions: SessionManager, limiter: RateLimiter): TelemetryIngest {
  return (payload, source, sessionId) => {
    // Parse with the exact schema (one sample or a batch) so issues name the field, not "invalid union".
    const parsed = Array.isArray(payload) ? TelemetrySamples.safeParse(payload) : TelemetrySample.safeParse(payload);
    if (!parsed.success)
      throw new RealtimeError('invalid-payload', 'invalid telemetry sample', issuesFromZod(parsed.error));
    const samples = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    if (!limiter.take(source, samples.length))
      throw new RealtimeError('rate-limited', `telemetry rate limit exceeded for ${source}; slow down and retry`);
    try {
      return sessions.ingest(samples, source, sessionId);
    } catch (err) {
      // Issue paths start with the sample's index in the batch; a single sample was sent without one.
      if (!(err instanceof RealtimeError) || Array.isArray(payload) || !err.issues) throw err;
      const issues = err.issues.map((i) => ({ ...i, path: i.path.slice(1) }));
      throw new RealtimeError(err.code, err.message, issues);
    }
  };
}

const STATUS: Record<string, number> = { 'invalid-payload': 400, 'not-found': 404, 'rate-limited': 429 };

/** RealtimeError → the server's AppError (HTTP status and problem body). */
export function toAppError(err: unknown): unknown {
  if (!(err instanceof RealtimeError)) return err;
  return new AppError({
    code: err.code.replace(/-/g, '_'),
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
      res.json(ingest(req.body, `http:${req.ip ?? 'unknown'}`));
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
export function registerTelemetryNamespace(nsp: Namespace, ingest: TelemetryIngest, limiter: RateLimiter): void {
  nsp.on('connection', (socket) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const sessionId = typeof auth?.sessionId === 'string' ? auth.sessionId : undefined;
    const source = `socket:${socket.id}`;
    socket.on('telemetry', (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
      try {
        reply(ackOk(ingest(payload, source, sessionId)));
      } catch (err) {
        if (err instanceof RealtimeError) reply(ackError(err.code, err.message, err.issues));
        else reply(ackError('internal', 'internal error'));
      }
    });
    socket.on('disconnect', () => limiter.forget(source));
  });
}
