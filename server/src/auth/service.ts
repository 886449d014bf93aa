import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { badRequest, rateLimited, unauthorized } from '../errors.js';
import { clientAddress, TRUST_NO_PROXY, type TrustProxy } from '../http/client-address.js';
import { addressKey } from '../realtime/principal.js';
import { recordAudit } from '../services/audit.js';
import { normaliseEmail } from '../store/kysely/accounts-repo.js';
import type { Store, StoredApiToken, StoredUser } from '../store/types.js';
import type { PasswordHasher } from './accounts.js';
import { readCookie, SESSION_COOKIE, sessionCookieOptions } from './cookies.js';
import { FailureLimiter } from './failure-limiter.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { actorOf, type Principal, TOKEN_SCOPES, type TokenScope, type UserPrincipal } from './principal.js';
import { type RequestLimits, requestRateLimit } from './request-limiter.js';
import { randomSecret, sha256Hex } from './secrets.js';

export const API_TOKEN_PREFIX = 'sua_pat_';
/** one message for an unknown email, a wrong password and a disabled account */
export const SIGN_IN_FAILED = 'invalid email or password';
const HOUR = 3_600_000;

export interface AuthOptions {
  /** wall clock in ms (tests move it) */
  now?: () => number;
  /** browser session lifetime from sign-in (fixed; default 12 h) */
  sessionTtlMs?: number;
  /** always mark the cookie Secure (behind a TLS-terminating proxy); https requests get it anyway */
  secureCookies?: boolean;
  /** sign-in failures allowed per address and per email in the window (default 10 in 15 min) */
  signInFailures?: { max: number; windowMs: number };
  /** argon2id by default; tests count the calls */
  passwords?: PasswordHasher;
  /** per-principal / per-address limits on writes and checks; unset: none (request-limiter.ts) */
  requestLimits?: RequestLimits;
  /** which proxies may name a socket handshake's client (HTTP requests: Express's `trust proxy`) */
  trustProxy?: TrustProxy;
}

export const argon2Passwords: PasswordHasher = { hash: hashPassword, verify: verifyPassword };

export interface NewToken {
  name: string;
  scopes: TokenScope[];
  expiresAt: string;
  sourceId: string | null;
}

/**
 * Sign-in, browser sessions, personal API tokens and the principal of each request. Secrets leave only
 * once (the Set-Cookie header; the token in its creation response) and are stored as SHA-256.
 */
export class AuthService {
  readonly now: () => number;
  readonly passwords: PasswordHasher;
  private readonly sessionTtlMs: number;
  private readonly secureCookies: boolean;
  private readonly trustProxy: TrustProxy;
  private readonly limiter: FailureLimiter;
  private readonly requestLimits: RequestLimits | undefined;

  constructor(
    readonly store: Store,
    opts: AuthOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.passwords = opts.passwords ?? argon2Passwords;
    this.sessionTtlMs = opts.sessionTtlMs ?? 12 * HOUR;
    this.secureCookies = opts.secureCookies ?? false;
    this.trustProxy = opts.trustProxy ?? TRUST_NO_PROXY;
    this.limiter = new FailureLimiter(opts.signInFailures ?? { max: 10, windowMs: 15 * 60_000 });
    this.requestLimits = opts.requestLimits;
  }

  /** The per-principal request limits as middleware (after the principal is resolved); a no-op when unset. */
  rateLimit(): RequestHandler {
    const limits = this.requestLimits;
    return limits ? requestRateLimit(limits, this.now) : (_req, _res, next) => next();
  }

  iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString();
  }

  /**
   * The principal of a request: a bearer token, else the session cookie, else anonymous. Once per request;
   * only the API looks (the client's static files need no database read).
   */
  async resolve(req: Request): Promise<Principal> {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (!req.path.startsWith('/api/')) return { kind: 'anonymous', ip };
    const authz = req.get('authorization');
    if (authz !== undefined) return this.fromToken(authz, ip);
    const cookie = readCookie(req.get('cookie'), SESSION_COOKIE);
    return (cookie && (await this.fromSession(cookie, ip))) || { kind: 'anonymous', ip };
  }

  /**
   * The principal of a socket.io handshake, from the same bearer token or session cookie as HTTP (a browser
   * sends the cookie with the websocket upgrade). A bad token refuses the connection.
   */
  async resolveHandshake(req: IncomingMessage): Promise<Principal> {
    const ip = clientAddress(req, this.trustProxy);
    const authz = req.headers.authorization;
    if (authz !== undefined) return this.fromToken(authz, ip);
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    return (cookie && (await this.fromSession(cookie, ip))) || { kind: 'anonymous', ip };
  }

  /** A presented but unusable token is an error (401), not anonymous: a pipeline must notice. */
  private async fromToken(header: string, ip: string): Promise<Principal> {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m?.[1].startsWith(API_TOKEN_PREFIX)) throw unauthorized('Authorization must be "Bearer sua_pat_…"');
    const token = await this.store.accounts.findApiTokenByHash(sha256Hex(m[1]));
    const at = this.iso();
    if (!token || token.revokedAt !== null || token.expiresAt <= at)
      throw unauthorized('API token unknown, expired or revoked');
    const user = await this.liveUser(token.userId);
    if (!user) throw unauthorized('API token unknown, expired or revoked');
    // last use to the minute: one write per token per minute at most
    if (token.lastUsedAt === null || token.lastUsedAt.slice(0, 16) !== at.slice(0, 16))
      await this.store.accounts.touchApiToken(token.id, at);
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      role: user.role,
      orgId: user.orgId,
      via: 'token',
      scopes: TOKEN_SCOPES.filter((s) => token.scopes.includes(s)),
      ...(token.sourceId !== null && { sourceId: token.sourceId }),
      ip,
    };
  }

  private async fromSession(cookie: string, ip: string): Promise<Principal | undefined> {
    const session = await this.store.accounts.getSession(sha256Hex(cookie));
    if (!session || session.revokedAt !== null || session.expiresAt <= this.iso()) return undefined;
    const user = await this.liveUser(session.userId);
    if (!user) return undefined;
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      role: user.role,
      orgId: user.orgId,
      via: 'session',
      scopes: TOKEN_SCOPES,
      ip,
    };
  }

  private async liveUser(id: string): Promise<StoredUser | undefined> {
    const user = await this.store.accounts.getUser(id);
    return user && !user.disabled ? user : undefined;
  }

  /**
   * Checks the limits before any hashing (429 with Retry-After), then the password; a failure counts against
   * the address and the email. Success: a new session (a session cookie sent along is revoked) and its cookie.
   */
  async signIn(req: Request, res: Response, email: string, password: string): Promise<StoredUser> {
    const attempt = this.attempt(req, res, email);
    const user = await this.store.accounts.findUserByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!ok || !user || user.disabled) throw attempt.failed(SIGN_IN_FAILED);
    attempt.succeeded();
    await this.endSession(req);
    await this.startSession(req, res, user.id);
    return user;
  }

  /**
   * A new password for the signed-in user (browser session): the current one is checked under the sign-in
   * limits; every session of the user ends and this browser gets a new one.
   */
  async changePassword(req: Request, res: Response, me: UserPrincipal, current: string, next: string): Promise<void> {
    const attempt = this.attempt(req, res, me.email);
    const user = await this.liveUser(me.userId);
    if (!user || !(await this.passwords.verify(user.passwordHash, current)))
      throw attempt.failed('the current password is wrong');
    attempt.succeeded();
    const hash = await this.passwords.hash(next);
    await this.store.transaction(async (tx) => {
      await tx.accounts.setPasswordHash(user.id, hash);
      await tx.accounts.revokeUserSessions(user.id, this.iso());
      await recordAudit(tx, { actor: actorOf(me) }, 'update', 'user', user.id, null, { passwordChanged: true });
    });
    await this.startSession(req, res, user.id);
  }

  /** The failure limits of one password attempt: checked before any hashing (429 with Retry-After). */
  private attempt(req: Request, res: Response, email: string) {
    const keys = [addressKey(req.ip), `email:${normaliseEmail(email)}`];
    const now = this.now();
    const waitMs = Math.max(...keys.map((k) => this.limiter.blockedFor(k, now)));
    if (waitMs > 0) {
      res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw rateLimited('too many failed password attempts; try again later');
    }
    return {
      failed: (message: string) => {
        for (const k of keys) this.limiter.fail(k, now);
        return unauthorized(message);
      },
      succeeded: () => this.limiter.clear(keys[1]),
    };
  }

  /** A new random session id: the cookie carries it, the store its SHA-256. */
  private async startSession(req: Request, res: Response, userId: string): Promise<void> {
    const value = randomSecret(32);
    await this.store.accounts.createSession({
      id: sha256Hex(value),
      userId,
      createdAt: this.iso(),
      expiresAt: this.iso(this.sessionTtlMs),
      ip: req.ip ?? null,
      userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    });
    res.cookie(SESSION_COOKIE, value, sessionCookieOptions(this.secure(req), this.sessionTtlMs));
  }

  /** Revokes the request's session, if any; true when there was a live one. */
  async endSession(req: Request): Promise<boolean> {
    const cookie = readCookie(req.get('cookie'), SESSION_COOKIE);
    return cookie ? this.store.accounts.revokeSession(sha256Hex(cookie), this.iso()) : false;
  }

  clearCookie(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.secure(req)));
  }

  private secure(req: Request): boolean {
    return this.secureCookies || req.secure;
  }

  /** A personal API token: the secret is returned here once and stored only as its SHA-256. */
  async createToken(owner: UserPrincipal, t: NewToken): Promise<{ token: string; record: StoredApiToken }> {
    if (t.expiresAt <= this.iso())
      throw badRequest('the expiry must be in the future', [
        { path: ['body', 'expiresInDays'], message: 'must be in the future' },
      ]);
    const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
    const record = await this.store.transaction(async (tx) => {
      const rec = await tx.accounts.createApiToken({
        id: randomUUID(),
        userId: owner.userId,
        name: t.name,
        tokenHash: sha256Hex(token),
        scopes: t.scopes,
        sourceId: t.sourceId,
        expiresAt: t.expiresAt,
      });
      await recordAudit(tx, { actor: actorOf(owner) }, 'create', 'api_token', rec.id, null, publicToken(rec));
      return rec;
    });
    return { token, record };
  }

  /** Only the owner revokes their token; false when unknown, not theirs or already revoked. */
  async revokeToken(owner: UserPrincipal, id: string): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      const done = await tx.accounts.revokeApiToken(id, owner.userId, this.iso());
      if (done) await recordAudit(tx, { actor: actorOf(owner) }, 'update', 'api_token', id, null, { revoked: true });
      return done;
    });
  }
}

/** What a response or the audit log may show of a token: never the secret or its hash. */
export const publicToken = (t: StoredApiToken) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  sourceId: t.sourceId,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  lastUsedAt: t.lastUsedAt,
});
