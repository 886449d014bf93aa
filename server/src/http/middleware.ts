import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { actorOf, type Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import type { RouteContext } from './route.js';

/** Accept a caller's request id only when it is short and plain; otherwise make one. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Finds who is asking: the session cookie or a bearer token (auth/service.ts); throws 401 for a bad token. */
export type PrincipalResolver = (req: Request) => Promise<Principal>;

const anonymousOf: PrincipalResolver = async (req) => ({ kind: 'anonymous', ip: req.ip ?? 'unknown' });

/**
 * Request id (X-Request-Id, echoed), the principal (resolved once; the actor of the audit log is derived from
 * it, never from a header such as X-Actor), a child logger, and one log line per request when it finishes.
 */
export function requestContext(logger: Logger, resolvePrincipal: PrincipalResolver = anonymousOf): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
    const log = logger.child({ reqId: requestId });
    res.setHeader('X-Request-Id', requestId);
    const anonymous: Principal = { kind: 'anonymous', ip: req.ip ?? 'unknown' };
    const ctx: RouteContext = { principal: anonymous, actor: actorOf(anonymous), requestId, log };
    res.locals.ctx = ctx;
    res.locals.log = log;
    const t0 = performance.now();
    res.on('finish', () => {
      const who = ctx.principal.kind === 'user' ? ctx.actor : undefined;
      log.info(
        {
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Math.round(performance.now() - t0),
          ...(who && { actor: who }),
        },
        'request',
      );
    });
    resolvePrincipal(req).then((principal) => {
      ctx.principal = principal;
      ctx.actor = actorOf(principal);
      res.locals.principal = principal;
      next(tokenMethodGuard(req, principal));
    }, next);
  };
}

/**
 * A token that only ingests telemetry reads nothing (GET, HEAD). Every other scope check is the operation's
 * (auth/access-policy.ts): this is only the floor under it.
 */
function tokenMethodGuard(req: Request, p: Principal): Error | undefined {
  if (p.kind !== 'user' || p.via !== 'token') return undefined;
  if ((req.method === 'GET' || req.method === 'HEAD') && p.scopes.every((s) => s === 'ingest'))
    return forbidden('an ingest-only API token cannot read');
  return undefined;
}
