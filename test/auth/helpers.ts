import type { AppDeps } from '../../server/src/app.js';
import type { PasswordHasher } from '../../server/src/auth/accounts.js';
import { createUser } from '../../server/src/auth/accounts.js';
import type { Role } from '../../server/src/auth/principal.js';
import { argon2Passwords } from '../../server/src/auth/service.js';
import type { Store } from '../../server/src/store/types.js';
import { call, type Reply, startServer, type TestServer } from '../server/helpers.js';

/** A server whose auth clock the test moves, and which counts password hashing and verification. */
export interface AuthTestServer extends TestServer {
  advance(ms: number): void;
  /** the server's auth clock */
  now(): number;
  hashing: { count: number };
}

export async function startAuthServer(deps: Partial<AppDeps> = {}): Promise<AuthTestServer> {
  let now = Date.parse('2027-01-04T09:00:00.000Z');
  const hashing = { count: 0 };
  const counted: PasswordHasher = {
    hash: (p) => {
      hashing.count++;
      return argon2Passwords.hash(p);
    },
    verify: (h, p) => {
      hashing.count++;
      return argon2Passwords.verify(h, p);
    },
  };
  const server = await startServer({
    as: 'anonymous',
    deps: { ...deps, auth: { now: () => now, passwords: counted, ...deps.auth } },
  });
  return Object.assign(server, {
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
    hashing,
  });
}

export async function addUser(
  store: Store,
  email: string,
  role: Role,
  password: string,
  orgId: string | null = null,
): Promise<string> {
  const u = await createUser(store, { actor: 'test' }, { email, role, orgId, password }, argon2Passwords);
  return u.id;
}

/** The session cookie a reply set, as `name=value` for the next request's Cookie header. */
export function sessionCookie(reply: Reply<unknown>): string | undefined {
  const set = reply.headers.getSetCookie().find((c) => c.startsWith('sua_session='));
  const pair = set?.split(';')[0];
  return pair && pair !== 'sua_session=' ? pair : undefined;
}

export async function signIn(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  const reply = await call(url, 'POST', '/api/auth/sign-in', { json: { email, password }, headers });
  return { reply, cookie: sessionCookie(reply) };
}

export const PASSWORD = 'correct horse battery staple';
export const HOUR = 3_600_000;
