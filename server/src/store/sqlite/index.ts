import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type Clock, kyselyStore } from '../kysely/index.js';
import type { Database } from '../kysely/schema.js';
import type { Store } from '../types.js';
import { migrateToLatest } from './migrations.js';

export interface SqliteStoreOptions {
  /** database file; its folder is created when missing. ':memory:' for a throw-away store */
  file: string;
  now?: Clock;
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
  return kyselyStore(db, { now: opts.now });
}
