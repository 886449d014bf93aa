import type { Selectable } from 'kysely';
import type { Verdict } from '../../../../rules/src/model/index.js';
import type {
  AuditEntry,
  AuditRepository,
  ImpactJobRecord,
  ImpactPlanRow,
  JobRepository,
  JobStatus,
  MetaRepository,
} from '../types.js';
import { type Clock, type Db, fromJson, fromJsonOrNull, insertOrDuplicate, toJson } from './json.js';
import type { AuditTable, ImpactJobsTable, ImpactResultsTable } from './schema.js';

const jobRow = (r: ImpactJobsTable): ImpactJobRecord => ({
  id: r.id,
  status: r.status as JobStatus,
  request: fromJson<ImpactJobRecord['request']>(r.request),
  total: r.total,
  processed: r.processed,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  summary: fromJsonOrNull(r.summary),
});

const resultRow = (r: ImpactResultsTable): ImpactPlanRow => ({
  seq: r.seq,
  planKey: r.plan_key,
  name: r.name,
  before: r.before as Verdict | 'invalid',
  after: r.after as Verdict | 'invalid',
  changed: r.changed === 1,
  detail: fromJson<unknown>(r.detail),
});

/** SQLite caps bound parameters per statement; insert result rows in slices. */
const INSERT_SLICE = 100;

export function sqliteJobs(db: Db, now: Clock): JobRepository {
  return {
    async create({ id, request, total }) {
      const row: ImpactJobsTable = {
        id,
        status: 'queued',
        request: toJson(request),
        total,
        processed: 0,
        created_at: now(),
        started_at: null,
        finished_at: null,
        error: null,
        summary: null,
      };
      await insertOrDuplicate('job', id, () => db.insertInto('impact_jobs').values(row).execute());
      return jobRow(row);
    },
    async get(id) {
      const r = await db.selectFrom('impact_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return r && jobRow(r);
    },
    async markRunning(id) {
      await db.updateTable('impact_jobs').set({ status: 'running', started_at: now() }).where('id', '=', id).execute();
    },
    async progress(id, processed) {
      await db.updateTable('impact_jobs').set({ processed }).where('id', '=', id).execute();
    },
    async finish(id, summary, rows) {
      for (let i = 0; i < rows.length; i += INSERT_SLICE) {
        const slice = rows.slice(i, i + INSERT_SLICE).map(
          (r): ImpactResultsTable => ({
            job_id: id,
            seq: r.seq,
            plan_key: r.planKey,
            name: r.name,
            before: r.before,
            after: r.after,
            changed: r.changed ? 1 : 0,
            detail: toJson(r.detail),
          }),
        );
        await db.insertInto('impact_results').values(slice).execute();
      }
      await db
        .updateTable('impact_jobs')
        .set({ status: 'done', processed: rows.length, finished_at: now(), summary: toJson(summary) })
        .where('id', '=', id)
        .execute();
    },
    async fail(id, error) {
      await db
        .updateTable('impact_jobs')
        .set({ status: 'failed', error, finished_at: now() })
        .where('id', '=', id)
        .execute();
    },
    async failInterrupted(reason) {
      const r = await db
        .updateTable('impact_jobs')
        .set({ status: 'failed', error: reason, finished_at: now() })
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async results(id, opts = {}) {
      let q = db.selectFrom('impact_results').selectAll().where('job_id', '=', id).orderBy('seq');
      if (opts.changedOnly) q = q.where('changed', '=', 1);
      if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
      return (await q.execute()).map(resultRow);
    },
  };
}

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

export function sqliteAudit(db: Db, now: Clock): AuditRepository {
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

export function sqliteMeta(db: Db): MetaRepository {
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
