import { randomUUID } from 'node:crypto';
import { type Role, TOKEN_SCOPES, type TokenScope } from '../../server/src/auth/principal.js';
import { randomSecret, sha256Hex } from '../../server/src/auth/secrets.js';
import { API_TOKEN_PREFIX } from '../../server/src/auth/service.js';
import type { Store } from '../../server/src/store/types.js';

/**
 * Test principals written straight into a store (no HTTP, no password hashing): a user of a role, optionally in
 * an organisation, with a personal API token. Tests send it as `Authorization: Bearer <token>`.
 */
export interface SeededPrincipal {
  userId: string;
  orgId: string | null;
  token: string;
  /** the request header carrying the token */
  headers: Record<string, string>;
}

export async function seedOrganisation(store: Store, name: string, kind: 'operator' | 'government' | 'regulator') {
  return store.accounts.createOrganisation({ id: randomUUID(), name, kind });
}

export async function seedPrincipal(
  store: Store,
  role: Role,
  opts: { orgId?: string | null; scopes?: TokenScope[]; sourceId?: string | null; email?: string } = {},
): Promise<SeededPrincipal> {
  const userId = randomUUID();
  const orgId = opts.orgId ?? null;
  await store.accounts.createUser({
    id: userId,
    email: opts.email ?? `${role}-${userId.slice(0, 8)}@test.invalid`,
    passwordHash: null,
    role,
    orgId,
  });
  const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  await store.accounts.createApiToken({
    id: randomUUID(),
    userId,
    name: 'test',
    tokenHash: sha256Hex(token),
    scopes: [...(opts.scopes ?? TOKEN_SCOPES)],
    sourceId: opts.sourceId ?? null,
    expiresAt: '2099-01-01T00:00:00.000Z',
  });
  return { userId, orgId, token, headers: { authorization: `Bearer ${token}` } };
}
