import { type Kysely, sql } from 'kysely';
import type { Db } from '../kysely/json.js';
import type { Database } from '../kysely/schema.js';
import { LockTimeoutError, type Repositories, type Store } from '../types.js';

/** SQLSTATE lock_not_available: a wait ran past lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Changes under one named lock, one at a time across every node on this schema: each runs in a transaction holding
 * a transaction-scoped advisory lock, which PostgreSQL frees at commit or rollback however the transaction ends
 * (an error, a refusal, a lost connection). Every wait in that transaction is bounded by `waitMs` (lock_timeout),
 * so a stuck holder costs a clear LockTimeoutError, never a hang.
 */
export function namedExclusive(
  db: Kysely<Database>,
  reposOf: (trx: Db) => Repositories,
): NonNullable<Store['exclusive']> {
  return async (lock, waitMs, fn) => {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('lock_timeout', ${`${Math.max(1, Math.round(waitMs))}ms`}, true)`.execute(trx);
        await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.' || ${lock}))`.execute(trx);
        return await fn(reposOf(trx));
      });
    } catch (err) {
      if ((err as { code?: unknown }).code === LOCK_NOT_AVAILABLE) throw new LockTimeoutError(lock, waitMs, err);
      throw err;
    }
  };
}

/** Operational-intent changes and vertiport bookings, one at a time across the nodes (namedExclusive). */
export function intentsExclusive(
  db: Kysely<Database>,
  reposOf: (trx: Db) => Repositories,
): NonNullable<Store['intentsExclusive']> {
  const exclusive = namedExclusive(db, reposOf);
  return (waitMs, fn) => exclusive('operational-intents', waitMs, fn);
}
