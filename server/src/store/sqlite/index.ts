import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Repositories, Store } from '../types.js';
import { sqliteDrafts, sqlitePermissions, sqlitePlans, sqliteReports, sqliteZoneLayers } from './content-repos.js';
import type { Clock, Db } from './json.js';
import { migrateToLatest } from './migrations.js';
import { sqliteAudit, sqliteJobs, sqliteMeta } from './ops-repos.js';
import type { Database } from './schema.js';

export interface SqliteStoreOptions {
  /** database file; its folder is created when missing. ':memory:' for a throw-away store */
  file: string;
  now?: Clock;
}

function repositories(db: Db, now: Clock): Repositories {
  return {
    plans: sqlitePlans(db, now),
    reports: sqliteReports(db, now),
    drafts: sqliteDrafts(db, now),
    zoneLayers: sqliteZoneLayers(db, now),
    permissions: sqlitePermissions(db, now),
    jobs: sqliteJobs(db, now),
    audit: sqliteAudit(db, now),
    meta: sqliteMeta(db),
  };
}

/** Opens (creating on first start) the SQLite store in WAL mode and runs pending migrations. */
export async function openSqliteStore(opts: SqliteStoreOptions): Promise<Store> {
  if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
  const sqlite = new BetterSqlite3(opts.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const now = opts.now ?? (() => new Date().toISOString());
  return {
    ...repositories(db, now),
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx, now))),
    close: () => db.destroy(),
  };
}
