/**
 * Who is making a request or holds a socket: resolved once per request/handshake from the session cookie or a
 * bearer API token, never from a header the caller writes (issue 12). Everything that decides access reads this.
 */
export type Role = 'viewer' | 'applicant' | 'regulator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'applicant', 'regulator', 'admin'];

/** An operator company, a government department, or the regulator (CAD). */
export type OrganisationKind = 'operator' | 'government' | 'regulator';

/** What a personal API token may do; a browser session has every scope of its user's role. */
export type TokenScope = 'read' | 'plans' | 'applications' | 'ingest';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'plans', 'applications', 'ingest'];

export interface AnonymousPrincipal {
  kind: 'anonymous';
  /** the client's address, for per-IP limits */
  ip: string;
}

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  role: Role;
  /** the user's organisation; null for admins and viewers without one */
  orgId: string | null;
  /** how the request authenticated */
  via: 'session' | 'token';
  /** scopes of the API token; every scope for a browser session */
  scopes: readonly TokenScope[];
  /** a token with the ingest scope is bound to one registered telemetry source */
  sourceId?: string;
  ip: string;
}

export type Principal = AnonymousPrincipal | UserPrincipal;

/** The name recorded as the actor in the audit log: the authenticated user, never a request header. */
export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.userId}` : `anonymous:${p.ip}`;
}
