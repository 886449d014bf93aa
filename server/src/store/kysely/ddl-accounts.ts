import type { Kysely } from 'kysely';
import type { DdlDialect } from './ddl.js';

/**
 * Migration 0005-accounts (issue 12): organisations, users, browser sessions, personal API tokens and the
 * one-time setup tokens of the first start. Secrets are stored only as SHA-256 (tokens, session ids) or
 * argon2id (passwords); emails lower-case, so the unique index is case-insensitive.
 */
export async function addAccounts(db: Kysely<unknown>, d: DdlDialect): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', d.key, (c) => c.references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('users_by_role').on('users').columns(['role']).execute();
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('user_id', d.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('auth_sessions_by_user').on('auth_sessions').columns(['user_id']).execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('user_id', d.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_by_user').on('api_tokens').columns(['user_id']).execute();
  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', d.key, (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}
