import type { Selectable } from 'kysely';
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
});

export function auditRepo(db: Db, now: Clock): AuditRepository {
  return {
    async append(e) {
      const row = {
        at: now(),
        actor: e.actor,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        before: e.before === null || e.before === undefined ? null : toJson(e.before),
        after: e.after === null || e.after === undefined ? null : toJson(e.after),
      };
      const r = await db.insertInto('audit').values(row).returning('id').executeTakeFirstOrThrow();
      return auditRow({ ...row, id: r.id });
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
