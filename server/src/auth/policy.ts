import { forbidden, unauthorized } from '../errors.js';
import type { Principal, Role, TokenScope, UserPrincipal } from './principal.js';

/**
 * One-line access checks for the route handlers (each throws the ApiError-based 401/403). The handler reads
 * the principal from `input.ctx.principal` (set once per request by the requestContext middleware).
 */

/** A signed-in user (session or token); anonymous → 401. */
export function requireUser(p: Principal): UserPrincipal {
  if (p.kind !== 'user') throw unauthorized();
  return p;
}

/** A user with one of `roles`; anonymous → 401, another role → 403. */
export function requireRole(p: Principal, ...roles: Role[]): UserPrincipal {
  const user = requireUser(p);
  if (!roles.includes(user.role)) throw forbidden(`requires the ${roles.join(' or ')} role`);
  return user;
}

/** A browser session, not an API token (a leaked token must not mint tokens or manage accounts). */
export function requireSession(p: Principal): UserPrincipal {
  const user = requireUser(p);
  if (user.via !== 'session') throw forbidden('requires a signed-in browser session, not an API token');
  return user;
}

/** A token must carry `scope`; a browser session has every scope. */
export function requireScope(p: Principal, scope: TokenScope): UserPrincipal {
  const user = requireUser(p);
  if (!user.scopes.includes(scope)) throw forbidden(`the API token lacks the "${scope}" scope`);
  return user;
}
