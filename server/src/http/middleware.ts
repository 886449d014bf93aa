import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { RouteContext } from './route.js';

/** Accept a caller's request id only when it is short and plain; otherwise make one. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Printable, no control characters; the audit log stores it verbatim. */
const SAFE_ACTOR = /^[\p{L}\p{N} ._@:/+-]{1,100}$/u;

/**
 * Request id (X-Request-Id, echoed), actor (X-Actor, default "anonymous"), a child logger, and one log line
 * per request when it finishes.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
    const actorHeader = req.get('x-actor')?.trim();
    const actor = actorHeader && SAFE_ACTOR.test(actorHeader) ? actorHeader : 'anonymous';
    const log = logger.child({ reqId: requestId });
    res.setHeader('X-Request-Id', requestId);
    const ctx: RouteContext = { actor, requestId, log };
    res.locals.ctx = ctx;
    res.locals.log = log;
    const t0 = performance.now();
    res.on('finish', () => {
      log.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(performance.now() - t0) },
        'request',
      );
    });
    next();
  };
}
