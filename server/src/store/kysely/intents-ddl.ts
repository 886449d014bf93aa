import type { Kysely } from 'kysely';

/**
 * Migration 0010-intent-changes: a store-wide counter on operational intents, set on every write, so a node of a
 * cluster reads only the intents written since it last looked (PostgreSQL writers take their turn under a lock,
 * postgres/intents-lock.ts, so the counter grows in commit order). Rows written before it keep 0: the start-up
 * load reads them.
 */
export async function addIntentChanges(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('operational_intents')
    .addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('operational_intents_by_change').on('operational_intents').column('change_seq').execute();
}
