import type { OperationalIntent, OperationalIntentReference } from '@sua-sandbox/rules/traffic';
import { sql } from 'kysely';
import {
  DuplicateKeyError,
  type IntentRepository,
  type StoredIntent,
  type StoredSlot,
  type VertiportSlotRepository,
} from '../types.js';
import { type Clock, type Db, fromJson, toJson } from './json.js';
import type { OperationalIntentsTable, VertiportSlotsTable } from './schema.js';

const intentRow = (r: OperationalIntentsTable): StoredIntent => ({
  id: r.id,
  intent: {
    reference: fromJson<OperationalIntentReference>(r.reference),
    details: fromJson<OperationalIntent['details']>(r.details),
  },
  planId: r.plan_id,
  routeId: r.route_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Operational intents (issue 16). Times are stored as the reference's RFC 3339 UTC text with milliseconds
 * (`toISOString`), so text order is time order in both databases.
 */
export function intentsRepo(db: Db, now: Clock): IntentRepository {
  return {
    async get(id) {
      const r = await db.selectFrom('operational_intents').selectAll().where('id', '=', id).executeTakeFirst();
      return r && intentRow(r);
    },
    async put({ intent, planId, routeId }) {
      const t = now();
      const ref = intent.reference;
      const row: Omit<OperationalIntentsTable, 'change_seq'> = {
        id: ref.id,
        manager: ref.manager,
        operator: ref.operator,
        state: ref.state,
        version: ref.version,
        time_start: ref.time_start.value,
        time_end: ref.time_end.value,
        plan_id: planId,
        route_id: routeId,
        reference: toJson(ref),
        details: toJson(intent.details),
        created_at: t,
        updated_at: t,
      };
      const { id: _id, created_at: _created, ...changes } = row;
      // the next change number; PostgreSQL writers hold the intents lock (postgres/intents-lock.ts), SQLite has one
      const next = sql<number>`(SELECT coalesce(max(change_seq), 0) + 1 FROM operational_intents)`;
      const r = await db
        .insertInto('operational_intents')
        .values({ ...row, change_seq: next })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({ ...changes, change_seq: eb.ref('excluded.change_seq') })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return intentRow(r);
    },
    async list(opts = {}) {
      let q = db.selectFrom('operational_intents').selectAll().orderBy('id');
      if (opts.excludeStates?.length) q = q.where('state', 'not in', opts.excludeStates);
      if (opts.endingAfter !== undefined) q = q.where('time_end', '>', opts.endingAfter);
      return (await q.execute()).map(intentRow);
    },
    async changesSince(after) {
      const rows = await db
        .selectFrom('operational_intents')
        .selectAll()
        .where('change_seq', '>', after)
        .orderBy('change_seq')
        .execute();
      return { intents: rows.map(intentRow), last: rows.at(-1)?.change_seq ?? after };
    },
    async lastChange() {
      const r = await db
        .selectFrom('operational_intents')
        .select((eb) => eb.fn.max('change_seq').as('last'))
        .executeTakeFirst();
      return Number(r?.last ?? 0);
    },
  };
}

const slotRow = (r: VertiportSlotsTable): StoredSlot => ({
  vertiportId: r.vertiport_id,
  index: Number(r.slot_index),
  intentId: r.intent_id,
  movement: r.movement === 'arrival' ? 'arrival' : 'departure',
  startAt: r.start_at,
  endAt: r.end_at,
  createdAt: r.created_at,
});

/**
 * Vertiport slots (issue 16). Booking and freeing both set the store-wide change counter (migration 0012), and a
 * freed slot stays as a row with `freed_at`, so the other nodes of a cluster read frees as well as bookings.
 */
export function vertiportSlotsRepo(db: Db, now: Clock): VertiportSlotRepository {
  // the next change number; PostgreSQL writers hold the intents lock (postgres/intents-lock.ts), SQLite has one
  const next = sql<number>`(SELECT coalesce(max(change_seq), 0) + 1 FROM vertiport_slots)`;
  return {
    async add(slot) {
      const row: VertiportSlotsTable = {
        vertiport_id: slot.vertiportId,
        slot_index: slot.index,
        intent_id: slot.intentId,
        movement: slot.movement,
        start_at: slot.startAt,
        end_at: slot.endAt,
        created_at: now(),
        change_seq: 0,
        freed_at: null,
      };
      // a freed row with the same key is booked again; a held one is a duplicate (no row comes back)
      const r = await db
        .insertInto('vertiport_slots')
        .values({ ...row, change_seq: next })
        .onConflict((oc) =>
          oc
            .columns(['vertiport_id', 'slot_index', 'intent_id', 'movement'])
            .doUpdateSet((eb) => ({
              start_at: eb.ref('excluded.start_at'),
              end_at: eb.ref('excluded.end_at'),
              created_at: eb.ref('excluded.created_at'),
              change_seq: eb.ref('excluded.change_seq'),
              freed_at: null,
            }))
            .where('vertiport_slots.freed_at', 'is not', null),
        )
        .returningAll()
        .executeTakeFirst();
      if (!r) {
        const key = `${slot.vertiportId}#${slot.index}/${slot.intentId}/${slot.movement}`;
        throw new DuplicateKeyError('vertiport slot', key);
      }
      return slotRow(r);
    },
    async list(opts = {}) {
      let q = db
        .selectFrom('vertiport_slots')
        .selectAll()
        .where('freed_at', 'is', null)
        .orderBy('vertiport_id')
        .orderBy('slot_index');
      if (opts.vertiportId !== undefined) q = q.where('vertiport_id', '=', opts.vertiportId);
      if (opts.endingAfter !== undefined) q = q.where('end_at', '>', opts.endingAfter);
      return (await q.orderBy('intent_id').orderBy('movement').execute()).map(slotRow);
    },
    async releaseIntent(intentId) {
      const r = await db
        .updateTable('vertiport_slots')
        .set({ freed_at: now(), change_seq: next })
        .where('intent_id', '=', intentId)
        .where('freed_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async changesSince(after) {
      const rows = await db
        .selectFrom('vertiport_slots')
        .selectAll()
        .where('change_seq', '>', after)
        .orderBy('change_seq')
        .orderBy('vertiport_id')
        .orderBy('slot_index')
        .execute();
      const slots = rows.map((r) => ({ ...slotRow(r), freedAt: r.freed_at }));
      return { slots, last: rows.at(-1)?.change_seq ?? after };
    },
    async lastChange() {
      const r = await db
        .selectFrom('vertiport_slots')
        .select((eb) => eb.fn.max('change_seq').as('last'))
        .executeTakeFirst();
      return Number(r?.last ?? 0);
    },
  };
}
