import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Repositories, Store } from '../types.js';
import { accountsRepo } from './accounts-repo.js';
import { applicationsRepo } from './applications-repo.js';
import { draftsRepo, permissionsRepo, plansRepo, reportsRepo, zoneLayersRepo } from './content-repos.js';
import { intentsRepo, vertiportSlotsRepo } from './intents-repo.js';
import { jobsRepo } from './jobs-repo.js';
import type { Clock, Db } from './json.js';
import { type AuditChainLock, auditRepo, metaRepo } from './ops-repos.js';
import type { Database } from './schema.js';

export type { Clock } from './json.js';

/**
 * One set of repositories for both stores: Kysely compiles the same queries for SQLite and PostgreSQL
 * (text JSON, text ISO timestamps, integer flags), so only the migrations and the connection differ.
 */
export function kyselyRepositories(db: Db, now: Clock, lockAuditChain?: AuditChainLock): Repositories {
  return {
    plans: plansRepo(db, now),
    reports: reportsRepo(db, now),
    drafts: draftsRepo(db, now),
    zoneLayers: zoneLayersRepo(db, now),
    permissions: permissionsRepo(db, now),
    jobs: jobsRepo(db, now),
    audit: auditRepo(db, now, lockAuditChain),
    meta: metaRepo(db),
    intents: intentsRepo(db, now),
    vertiportSlots: vertiportSlotsRepo(db, now),
    accounts: accountsRepo(db, now),
    applications: applicationsRepo(db, now),
  };
}

export interface KyselyStoreOptions {
  now?: Clock;
  /** changes the repositories outside transactions (the PostgreSQL store gates the job resume) */
  adapt?: (repos: Repositories) => Repositories;
  /** runs after the database is destroyed */
  onClose?: () => Promise<void>;
  /** serialises audit-chain appends across connections (PostgreSQL) */
  lockAuditChain?: AuditChainLock;
}

export function kyselyStore(db: Kysely<Database>, opts: KyselyStoreOptions = {}): Store {
  const now = opts.now ?? (() => new Date().toISOString());
  const repos = kyselyRepositories(db, now, opts.lockAuditChain);
  return {
    ...(opts.adapt ? opts.adapt(repos) : repos),
    transaction: (fn) => db.transaction().execute((trx) => fn(kyselyRepositories(trx, now, opts.lockAuditChain))),
    async close() {
      await db.destroy();
      await opts.onClose?.();
    },
  };
}

/**
 * Kysely records applied names in its own table and runs the rest in order at start; unordered: a
 * migration appended by a parallel branch may sort before one a database has already applied.
 * `tableSchema` names where that table lives (PostgreSQL: the store's schema, not any schema on the path).
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  tableSchema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(tableSchema !== undefined && { migrationTableSchema: tableSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const what = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(`database migration failed${what}`, { cause: error });
  }
}
