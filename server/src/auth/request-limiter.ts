import type { RequestHandler } from 'express';
import { rateLimited } from '../errors.js';
import { addressKey } from '../realtime/principal.js';
import type { Principal } from './principal.js';

/**
 * Requests that change or compute (every method but GET/HEAD/OPTIONS under /api, e.g. the stateless
 * POST /api/check) per minute: anonymous callers per address (an IPv6 /64 counts as one), signed-in
 * principals per user. In memory, per process.
 */
export interface RequestLimits {
  /** 0: no limit */
  anonymousPerMinute: number;
  /** 0: no limit */
  userPerMinute: number;
}

const WINDOW_MS = 60_000;
const MAX_KEYS = 100_000;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** telemetry has its own per-source budgets (realtime/budgets.ts) and arrives many times a second */
const OWN_BUDGET = /^\/(api\/)?telemetry(\/|$)/;

export const limitKeyOf = (p: Principal) => (p.kind === 'user' ? `user:${p.userId}` : addressKey(p.ip));

/** Fixed one-minute windows per key; the principal comes from the request context (set before this runs). */
export function requestRateLimit(limits: RequestLimits, now: () => number): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    if (READS.has(req.method) || OWN_BUDGET.test(req.path)) return next();
    const principal: Principal | undefined = res.locals.principal;
    if (!principal) return next();
    const max = principal.kind === 'user' ? limits.userPerMinute : limits.anonymousPerMinute;
    if (max === 0) return next(); // 0: this limit is off
    const key = limitKeyOf(principal);
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      windows.delete(key);
      w = { start: t, count: 0 };
      windows.set(key, w);
      // the oldest windows go first when too many callers are tracked
      while (windows.size > MAX_KEYS) {
        const oldest = windows.keys().next().value;
        if (oldest === undefined) break;
        windows.delete(oldest);
      }
    }
    if (++w.count > max) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000))));
      return next(rateLimited(`more than ${max} requests a minute; slow down`));
    }
    next();
  };
}
