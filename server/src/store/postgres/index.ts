import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Clock, kyselyRepositories, kyselyStore } from '../kysely/index.js';
import type { Db } from '../kysely/json.js';
import type { Database } from '../kysely/schema.js';
import type { Store } from '../types.js';
import { describeDatabaseUrl } from './describe.js';
import { intentsExclusive, namedExclusive } from './intents-lock.js';
import { migrateToLatest } from './migrations.js';
import { resumeLock } from './resume-lock.js';
import { SchemaScopedPostgresDialect } from './scoped-introspector.js';

export { describeDatabaseUrl };

export interface PostgresStoreOptions {
  /** postgres://user[:password]@host[:port]/database; a schema other than public via `?options=-c search_path=name` */
  url: string;
  now?: Clock;
  /** pool size (default 10) */
  maxConnections?: number;
  /** told whether this process holds the job-resume lock, each time the app asks for unfinished jobs */
  onResumeLock?: (held: boolean) => void;
}

export class PostgresUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`${describeDatabaseUrl(url)} did not answer: ${why}`, { cause });
    this.name = 'PostgresUnavailableError';
  }
}

/**
 * Opens the PostgreSQL store (DATABASE_URL) and runs pending migrations in the schema the connection's
 * search_path selects. The repositories are the SQLite store's (store/kysely); only the migrations differ.
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.maxConnections ?? 10 });
  // an idle connection dropped by the server must not crash the process; the next query reconnects
  pool.on('error', () => {});
  let schema: string | null;
  try {
    const r = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    schema = r.rows[0]?.schema ?? null;
  } catch (err) {
    await pool.end();
    throw new PostgresUnavailableError(opts.url, err);
  }
  if (schema === null) {
    await pool.end();
    throw new Error(`${describeDatabaseUrl(opts.url)}: the search_path names no existing schema; create it first`);
  }
  // migrations look only at this schema: other schemas' DDL meanwhile must not fail them
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, schema);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const lock = resumeLock(opts.url, schema);
  const now = opts.now ?? (() => new Date().toISOString());
  // one audit chain per schema: appends from every node and connection take their turn
  const lockAuditChain = async (trx: Db) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit-chain'))`.execute(trx);
  };
  const store = kyselyStore(db, {
    now,
    lockAuditChain,
    // only the lock's holder resumes jobs: two nodes starting together must not both run a stopped job
    adapt: (repos) => ({
      ...repos,
      jobs: {
        ...repos.jobs,
        async unfinished(kind) {
          const held = await lock.claim();
          opts.onResumeLock?.(held);
          return held ? repos.jobs.unfinished(kind) : [];
        },
      },
    }),
    onClose: () => lock.release(),
  });
  // operational intents are decided one at a time across the nodes sharing this schema (issues 15/16)
  store.intentsExclusive = intentsExclusive(db, (trx) => kyselyRepositories(trx, now, lockAuditChain));
  // other decisions that must not interleave across nodes (a user's cap of queued uploads), each under its own lock
  store.exclusive = namedExclusive(db, (trx) => kyselyRepositories(trx, now, lockAuditChain));
  return store;
}
