import type { Selectable } from 'kysely';
import { auditEntryHash } from '../audit-hash.js';
import type { AuditEntry, AuditRepository, MetaRepository } from '../types.js';
import { type Clock, type Db, fromJsonOrNull, toJson } from './json.js';
import type { AuditTable } from './schema.js';

const auditRow = (r: Selectable<AuditTable>): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: fromJsonOrNull(r.before),
  after: fromJsonOrNull(r.after),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Serialises appends to the audit chain across connections (PostgreSQL: a transaction-scoped advisory lock);
 * SQLite's single writer needs none.
 */
export type AuditChainLock = (trx: Db) => Promise<void>;

export function auditRepo(db: Db, now: Clock, lockChain?: AuditChainLock): AuditRepository {
  // read the chain's head and write the next link atomically, so two appends never share a previous hash
  const appendIn = async (trx: Db, e: Parameters<AuditRepository['append']>[0]) => {
    await lockChain?.(trx);
    const head = await trx.selectFrom('audit').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const content = {
      at: now(),
      actor: e.actor,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === null || e.before === undefined ? null : toJson(e.before),
      after: e.after === null || e.after === undefined ? null : toJson(e.after),
    };
    const prev_hash = head?.hash ?? null;
    const row = { ...content, prev_hash, hash: auditEntryHash(prev_hash, content) };
    const r = await trx.insertInto('audit').values(row).returning('id').executeTakeFirstOrThrow();
    return auditRow({ ...row, id: r.id });
  };
  return {
    append: (e) => (db.isTransaction ? appendIn(db, e) : db.transaction().execute((trx) => appendIn(trx, e))),
    async *chain(batch = 500) {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit')
          .selectAll()
          .where('id', '>', after)
          .orderBy('id', 'asc')
          .limit(batch)
          .execute();
        for (const r of rows) yield r;
        if (rows.length < batch) return;
        after = rows[rows.length - 1].id;
      }
    },
    async list(opts = {}) {
      let q = db.selectFrom('audit').selectAll().orderBy('id', 'desc');
      if (opts.entityType) q = q.where('entity_type', '=', opts.entityType);
      if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
      q = q.limit(opts.limit ?? 100);
      return (await q.execute()).map(auditRow);
    },
  };
}

export function metaRepo(db: Db): MetaRepository {
  return {
    async get(key) {
      const r = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return r?.value;
    },
    async set(key, value) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
