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

/**
 * Migration 0012-vertiport-slot-changes: the same store-wide counter on vertiport slots, so a node of a cluster
 * reads the slots booked and freed since it last looked before it books one (services/vertiports.ts). A freed slot
 * stays as a row with `freed_at` set (and a new count): a deleted row could not tell the other nodes it went, and
 * would let the counter step back. Rows written before it keep 0: the start-up load reads them.
 */
export async function addVertiportSlotChanges(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('vertiport_slots')
    .addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('vertiport_slots').addColumn('freed_at', 'text').execute();
  await db.schema.createIndex('vertiport_slots_by_change').on('vertiport_slots').column('change_seq').execute();
}
