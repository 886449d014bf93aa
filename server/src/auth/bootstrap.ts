import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { conflict, unauthorized } from '../errors.js';
import { recordAudit } from '../services/audit.js';
import type { StoredUser } from '../store/types.js';
import { type PasswordHasher, publicUser } from './accounts.js';
import { actorOf, type Principal, type Role } from './principal.js';
import { randomSecret, sha256Hex } from './secrets.js';
import type { AuthService } from './service.js';

/** Roles that can administer the sandbox: while none exists, a start offers a setup token. */
const ADMIN_ROLES: readonly Role[] = ['admin', 'regulator'];
const SETUP_TTL_MS = 24 * 3_600_000;

/**
 * First start without an administrator: a fresh one-time setup token (valid 24 h, stored hashed; older unused
 * ones are dropped), returned to print once. Undefined when an admin or regulator exists.
 */
export async function issueSetupToken(auth: AuthService): Promise<string | undefined> {
  const accounts = auth.store.accounts;
  if ((await accounts.countUsersWithRole(ADMIN_ROLES)) > 0) return undefined;
  const token = randomSecret(32);
  await accounts.clearSetupTokens();
  await accounts.addSetupToken({ tokenHash: sha256Hex(token), expiresAt: auth.iso(SETUP_TTL_MS) });
  return token;
}

/** Issues a setup token when needed and logs the ONE line telling how to use it (no default password). */
export async function announceSetup(auth: AuthService, logger: Logger, baseUrl: string): Promise<void> {
  const token = await issueSetupToken(auth);
  if (!token) return;
  logger.warn(
    `no administrator yet: one-time setup token (valid 24 h): ${token} -- POST ${baseUrl}/api/auth/setup ` +
      'with {token, email, password} creates the first admin; or run: npx sua-sandbox users add EMAIL --role admin',
  );
}

/** Spends the setup token and creates the first admin, in one transaction (a token works once). */
export async function completeSetup(
  auth: AuthService,
  who: Principal,
  body: { token: string; email: string; password: string },
  hasher: PasswordHasher,
): Promise<StoredUser> {
  const passwordHash = await hasher.hash(body.password);
  const at = auth.iso();
  return auth.store.transaction(async (tx) => {
    if (!(await tx.accounts.consumeSetupToken(sha256Hex(body.token), at)))
      throw unauthorized('setup token unknown, used or expired');
    // an administrator made meanwhile (e.g. with the CLI) closes the setup
    if ((await tx.accounts.countUsersWithRole(ADMIN_ROLES)) > 0) throw conflict('an administrator already exists');
    const user = await tx.accounts.createUser({
      id: randomUUID(),
      email: body.email,
      passwordHash,
      role: 'admin',
      orgId: null,
    });
    await recordAudit(tx, { actor: actorOf(who) }, 'create', 'user', user.id, null, publicUser(user));
    return user;
  });
}
