import type { Verdict } from '@sua-sandbox/rules/model';
import type { Selectable } from 'kysely';
import type { ImpactJobRecord, ImpactPlanRow, JobKind, JobRepository, JobStatus } from '../types.js';
import { type Clock, type Db, fromJson, fromJsonOrNull, insertOrDuplicate, toJson } from './json.js';
import type { ImpactInputsTable, ImpactJobsTable, ImpactResultsTable } from './schema.js';

const jobRow = (r: Selectable<ImpactJobsTable>): ImpactJobRecord => ({
  id: r.id,
  kind: r.kind as JobKind,
  status: r.status as JobStatus,
  request: fromJson<ImpactJobRecord['request']>(r.request),
  total: r.total,
  processed: r.processed,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  summary: fromJsonOrNull(r.summary),
  resumes: r.resumes,
  workMs: r.work_ms,
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

/** SQLite (and, far higher, PostgreSQL) caps bound parameters per statement; insert rows in slices. */
const INSERT_SLICE = 100;

async function inSlices<T>(items: readonly T[], write: (slice: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_SLICE) await write(items.slice(i, i + INSERT_SLICE));
}

const insertRows = (db: Db, jobId: string, rows: readonly ImpactPlanRow[]) =>
  inSlices(rows, (slice) =>
    db
      .insertInto('impact_results')
      .values(
        slice.map(
          (r): ImpactResultsTable => ({
            job_id: jobId,
            seq: r.seq,
            plan_key: r.planKey,
            name: r.name,
            before: r.before,
            after: r.after,
            changed: r.changed ? 1 : 0,
            detail: toJson(r.detail),
          }),
        ),
      )
      .execute(),
  );

export function jobsRepo(db: Db, now: Clock): JobRepository {
  return {
    async create({ id, request, total, input, kind = 'impact', owner }) {
      const row = {
        id,
        kind,
        owner: owner ?? null,
        status: 'queued',
        request: toJson(request),
        total,
        processed: 0,
        created_at: now(),
        started_at: null,
        finished_at: null,
        error: null,
        summary: null,
        input: input === undefined ? null : toJson(input),
        tally: null,
      };
      await insertOrDuplicate('job', id, () => db.insertInto('impact_jobs').values(row).execute());
      return jobRow({ ...row, work_ms: 0, resumes: 0 });
    },
    async get(id) {
      const r = await db.selectFrom('impact_jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return r && jobRow(r);
    },
    async ownerOf(id) {
      const r = await db.selectFrom('impact_jobs').select('owner').where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : r.owner;
    },
    async countUnfinished(owner, kind) {
      const r = await db
        .selectFrom('impact_jobs')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('owner', '=', owner)
        .where('kind', '=', kind)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async addInputs(id, items) {
      await inSlices(items, (slice) =>
        db
          .insertInto('impact_inputs')
          .values(
            slice.map(
              (it): ImpactInputsTable => ({
                job_id: id,
                seq: it.seq,
                plan_key: it.key,
                name: it.name,
                body: toJson(it.plan),
              }),
            ),
          )
          .execute(),
      );
    },
    async inputs(id, fromSeq) {
      const rows = await db
        .selectFrom('impact_inputs')
        .selectAll()
        .where('job_id', '=', id)
        .where('seq', '>=', fromSeq)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ seq: r.seq, key: r.plan_key, name: r.name, plan: fromJson<unknown>(r.body) }));
    },
    async resumeState(id) {
      const r = await db
        .selectFrom('impact_jobs')
        .select(['input', 'tally', 'processed', 'work_ms'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && {
          input: fromJsonOrNull(r.input),
          tally: fromJsonOrNull(r.tally),
          processed: r.processed,
          workMs: r.work_ms,
        }
      );
    },
    async unfinished(kind) {
      let q = db.selectFrom('impact_jobs').selectAll().where('status', 'in', ['queued', 'running']);
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(jobRow);
    },
    async markRunning(id) {
      await db.updateTable('impact_jobs').set({ status: 'running', started_at: now() }).where('id', '=', id).execute();
    },
    async markResumed(id) {
      await db
        .updateTable('impact_jobs')
        .set((eb) => ({
          status: 'running',
          resumes: eb('resumes', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(now())),
        }))
        .where('id', '=', id)
        .execute();
    },
    async progress(id, processed) {
      await db.updateTable('impact_jobs').set({ processed }).where('id', '=', id).execute();
    },
    async checkpoint(id, cp) {
      await insertRows(db, id, cp.rows);
      await db
        .updateTable('impact_jobs')
        .set({ processed: cp.processed, tally: toJson(cp.tally), work_ms: Math.round(cp.workMs) })
        .where('id', '=', id)
        .execute();
    },
    async finish(id, summary, rows = [], workMs) {
      await insertRows(db, id, rows);
      await db
        .updateTable('impact_jobs')
        .set((eb) => ({
          status: 'done',
          processed: eb.ref('total'),
          finished_at: now(),
          summary: toJson(summary),
          ...(workMs !== undefined && { work_ms: Math.round(workMs) }),
        }))
        .where('id', '=', id)
        .execute();
    },
    async fail(id, error, problem) {
      await db
        .updateTable('impact_jobs')
        .set({
          status: 'failed',
          error,
          finished_at: now(),
          ...(problem !== undefined && { summary: toJson(problem) }),
        })
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
