import { type OrganisationKind, ROLES, type Role } from '../../auth/principal.js';
import type { AccountRepository, StoredApiToken, StoredOrganisation, StoredSession, StoredUser } from '../types.js';
import { type Clock, type Db, fromJson, insertOrDuplicate, toJson } from './json.js';
import type { ApiTokensTable, AuthSessionsTable, OrganisationsTable, UsersTable } from './schema.js';

const ORG_KINDS: readonly OrganisationKind[] = ['operator', 'government', 'regulator'];
/** Rows are written only through this repository; an unknown value is a corrupted row, not a guess. */
function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`stored ${what} "${value}" is not one of ${allowed.join(', ')}`);
  return found;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const orgRow = (r: OrganisationsTable): StoredOrganisation => ({
  id: r.id,
  name: r.name,
  kind: oneOf(ORG_KINDS, r.kind, 'organisation kind'),
  createdAt: r.created_at,
});

const userRow = (r: UsersTable): StoredUser => ({
  id: r.id,
  email: r.email,
  passwordHash: r.password_hash,
  role: oneOf<Role>(ROLES, r.role, 'role'),
  orgId: r.org_id,
  createdAt: r.created_at,
  disabled: Number(r.disabled) !== 0,
});

const sessionRow = (r: AuthSessionsTable): StoredSession => ({
  id: r.id,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  ip: r.ip,
  userAgent: r.user_agent,
});

const tokenRow = (r: ApiTokensTable): StoredApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  tokenHash: r.token_hash,
  scopes: fromJson<string[]>(r.scopes),
  sourceId: r.source_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** Organisations, users, sessions, API tokens and setup tokens (issue 12). */
export function accountsRepo(db: Db, now: Clock): AccountRepository {
  return {
    async createOrganisation(rec) {
      const row: OrganisationsTable = { id: rec.id, name: rec.name, kind: rec.kind, created_at: now() };
      await insertOrDuplicate('organisation', rec.name, () => db.insertInto('organisations').values(row).execute());
      return orgRow(row);
    },
    async getOrganisation(id) {
      const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return r && orgRow(r);
    },
    async findOrganisationByName(name) {
      const r = await db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
      return r && orgRow(r);
    },
    async listOrganisations() {
      return (await db.selectFrom('organisations').selectAll().orderBy('name').execute()).map(orgRow);
    },

    async createUser(rec) {
      const row: UsersTable = {
        id: rec.id,
        email: normaliseEmail(rec.email),
        password_hash: rec.passwordHash,
        role: rec.role,
        org_id: rec.orgId,
        created_at: now(),
        disabled: 0,
      };
      await insertOrDuplicate('user', row.email, () => db.insertInto('users').values(row).execute());
      return userRow(row);
    },
    async getUser(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && userRow(r);
    },
    async findUserByEmail(email) {
      const r = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
      return r && userRow(r);
    },
    async listUsers() {
      return (await db.selectFrom('users').selectAll().orderBy('email').execute()).map(userRow);
    },
    async countUsersWithRole(roles) {
      if (roles.length === 0) return 0;
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('role', 'in', [...roles])
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async setUserDisabled(id, disabled) {
      const r = await db
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0 })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async setPasswordHash(id, hash) {
      const r = await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async createSession(rec) {
      const row: AuthSessionsTable = {
        id: rec.id,
        user_id: rec.userId,
        created_at: rec.createdAt,
        expires_at: rec.expiresAt,
        revoked_at: null,
        ip: rec.ip,
        user_agent: rec.userAgent,
      };
      await insertOrDuplicate('session', '(hidden)', () => db.insertInto('auth_sessions').values(row).execute());
      return sessionRow(row);
    },
    async getSession(id) {
      const r = await db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && sessionRow(r);
    },
    async extendSession(id, expiresAt) {
      await db
        .updateTable('auth_sessions')
        .set({ expires_at: expiresAt })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeSession(id, at) {
      const r = await db
        .updateTable('auth_sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async revokeUserSessions(userId, at) {
      const r = await db
        .updateTable('auth_sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async createApiToken(rec) {
      const row: ApiTokensTable = {
        id: rec.id,
        user_id: rec.userId,
        name: rec.name,
        token_hash: rec.tokenHash,
        scopes: toJson(rec.scopes),
        source_id: rec.sourceId,
        created_at: now(),
        expires_at: rec.expiresAt,
        revoked_at: null,
        last_used_at: null,
      };
      await insertOrDuplicate('API token', rec.id, () => db.insertInto('api_tokens').values(row).execute());
      return tokenRow(row);
    },
    async findApiTokenByHash(tokenHash) {
      const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r && tokenRow(r);
    },
    async listApiTokens(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(tokenRow);
    },
    async revokeApiToken(id, userId, at) {
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async touchApiToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async addSetupToken(rec) {
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: rec.tokenHash, created_at: now(), expires_at: rec.expiresAt, used_at: null })
        .execute();
    },
    async consumeSetupToken(tokenHash, at) {
      // one conditional update: two concurrent uses cannot both see it unused
      const r = await db
        .updateTable('setup_tokens')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async clearSetupTokens() {
      await db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    },
  };
}
