import { randomUUID } from 'node:crypto';
import { ImportOptions, PLAN_FORMATS } from '@sua-sandbox/rules/imports';
import { z } from 'zod';
import { GROUND_MODELS } from '../data/terrain.js';
import { AppError, notFound, problemOf, rateLimited } from '../errors.js';
import {
  type ImpactJobRecord,
  LockTimeoutError,
  type PlanImportRequest,
  type Repositories,
  type Store,
} from '../store/types.js';
import type { WorkPool } from '../workers/pool.js';
import type { Actor } from './audit.js';
import { jobWithProgress } from './impact/job-result.js';
import { type PlanImportTaskInput, runPlanImport, uploadIssuePath } from './plan-import.js';
import { PlanService } from './plans.js';
import { type JobRunControl, JobRunFailed, StoredJobs, type StoredJobsDeps } from './stored-jobs.js';

/** Queued or running plan uploads one principal may have at once; the next is answered 429 and nothing is queued. */
export const PLAN_IMPORT_JOBS_PER_PRINCIPAL = 3;
/** How long an upload waits for the same user's other upload on another node to be counted (then 503). */
const UPLOAD_LOCK_WAIT_MS = 5_000;

/** What a plan-import job keeps to run anywhere: the import task's input (limits included) and who asked. */
const PlanImportInput = z.object({
  v: z.literal(1),
  /** the uploaded file, base64 */
  content: z.string(),
  fileName: z.string(),
  format: z.enum([...PLAN_FORMATS, 'auto']),
  template: z.record(z.string(), z.unknown()),
  options: ImportOptions,
  name: z.string().optional(),
  maxWaypoints: z.number().int().positive(),
  ground: z.enum(GROUND_MODELS).optional(),
  actor: z.string(),
  ownerOrg: z.string().nullable(),
});
type PlanImportInput = z.infer<typeof PlanImportInput>;

const taskOf = ({ v: _v, actor: _a, ownerOrg: _o, content, ...rest }: PlanImportInput): PlanImportTaskInput => ({
  ...rest,
  content: new Uint8Array(Buffer.from(content, 'base64')),
});

export interface PlanImportRunDeps {
  store: Store;
  pool: WorkPool;
}

/**
 * Runs a stored plan upload: the file read in the worker pool (a worker thread, never the event loop), the plan,
 * its audit entry and the job's result written in one transaction, so a retried job either finds its result or
 * imports afresh, never twice. A file the synchronous upload refuses fails the job with that error (its issues
 * naming the field) and stores nothing.
 */
export async function runStoredPlanImport(
  jobId: string,
  deps: PlanImportRunDeps,
  control: JobRunControl,
): Promise<unknown> {
  const { store } = deps;
  const job = await store.jobs.get(jobId);
  if (!job) throw new JobRunFailed({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  if (job.status === 'done') return job.summary;
  if (job.status === 'failed') throw new JobRunFailed({ code: 'failed', message: job.error ?? 'failed' });
  const parsed = PlanImportInput.safeParse((await store.jobs.resumeState(jobId))?.input);
  if (!parsed.success) {
    const message = 'cannot run the upload: its stored input is not readable; upload the file again';
    await store.jobs.fail(jobId, message);
    throw new JobRunFailed({ code: 'failed', message });
  }
  const input = parsed.data;
  if (job.status === 'queued') await store.jobs.markRunning(jobId);
  else await store.jobs.markResumed(jobId);
  const t0 = performance.now();
  let answer: unknown;
  try {
    const { plan, warnings } = await runPlanImport(deps.pool, taskOf(input), { signal: control.signal });
    const who = { actor: input.actor, ownerOrg: input.ownerOrg };
    await new PlanService(store).create(plan, who, uploadIssuePath, async (tx, stored) => {
      // exactly the synchronous 201 body; the time it took is the job's workMs
      answer = { ...stored, warnings };
      await tx.jobs.finish(jobId, answer, [], performance.now() - t0);
    });
  } catch (err) {
    // refused as the synchronous upload refuses (an exposed 4xx); a 503 (busy, shutting down) may be retried
    if (!(err instanceof AppError) || err.status >= 500 || control.signal.aborted) throw err;
    const problem = problemOf(err);
    await store.jobs.fail(jobId, err.message, problem);
    throw new JobRunFailed(problem);
  }
  const elapsedMs = performance.now() - t0;
  control.onProgress({ done: 1, total: 1, percent: 100, etaMs: 0, elapsedMs, message: '100%' });
  return answer;
}

export interface PlanImportJobOptions {
  /** default PLAN_IMPORT_JOBS_PER_PRINCIPAL */
  perPrincipal?: number;
}

/** Large plan uploads as background jobs of kind 'plan-import' (in this process, or in queue workers). */
export class PlanImportJobService {
  private readonly jobs: StoredJobs;
  private readonly perPrincipal: number;
  /** starts one at a time here, so two uploads of one principal cannot both pass the cap */
  private starting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: PlanImportRunDeps & StoredJobsDeps,
    opts: PlanImportJobOptions = {},
  ) {
    this.perPrincipal = opts.perPrincipal ?? PLAN_IMPORT_JOBS_PER_PRINCIPAL;
    this.jobs = new StoredJobs('plan-import', deps, (jobId, control) => runStoredPlanImport(jobId, deps, control));
  }

  /**
   * Stores and queues the upload as a job owned by `owner` (`user:<id>`), or answers 429 when that principal
   * already has its cap of uploads queued or running (nothing is stored or queued then).
   */
  start(task: PlanImportTaskInput, who: Actor & { owner: string; ownerOrg: string | null }): Promise<ImpactJobRecord> {
    const next = this.starting.then(() => this.create(task, who));
    this.starting = next.catch(() => undefined);
    return next;
  }

  private async create(task: PlanImportTaskInput, who: Actor & { owner: string; ownerOrg: string | null }) {
    const { store } = this.deps;
    const request: PlanImportRequest = {
      fileName: task.fileName,
      format: task.format,
      name: task.name ?? null,
      bytes: task.content.byteLength,
    };
    const { content, ...rest } = task;
    const input: z.input<typeof PlanImportInput> = {
      v: 1,
      ...rest,
      content: Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64'),
      actor: who.actor,
      ownerOrg: who.ownerOrg,
    };
    const jobId = randomUUID();
    // counted and created together: under the user's lock where nodes share the store (two nodes at once could
    // otherwise both find room), in this process's order otherwise (`starting`)
    const createUnderCap = async (repos: Repositories) => {
      const unfinished = await repos.jobs.countUnfinished(who.owner, 'plan-import');
      if (unfinished >= this.perPrincipal)
        throw rateLimited(
          `${unfinished} of your plan uploads are still queued or running (at most ${this.perPrincipal}); wait for one to finish`,
        );
      return repos.jobs.create({ id: jobId, kind: 'plan-import', request, total: 1, input, owner: who.owner });
    };
    const job = store.exclusive
      ? await store
          .exclusive(`plan-uploads:${who.owner}`, UPLOAD_LOCK_WAIT_MS, createUnderCap)
          .catch((err: unknown) => {
            if (!(err instanceof LockTimeoutError)) throw err;
            throw new AppError({
              code: 'unavailable',
              status: 503,
              message: 'your other uploads are still being counted on another server; try again',
              cause: err,
            });
          })
      : await createUnderCap(store);
    await this.jobs.submit(jobId, 1);
    return job;
  }

  /** The job as GET /api/jobs/:id answers it: `summary` the 201 body when done, `problem` the error when failed. */
  async get(id: string, known?: ImpactJobRecord) {
    const job = known ?? (await this.deps.store.jobs.get(id));
    if (job?.kind !== 'plan-import') throw notFound('job', id);
    // a failed job keeps its error as its summary (store.jobs.fail); a done one, the 201 body as it was
    const failed = job.status === 'failed';
    return {
      ...jobWithProgress(job, this.jobs.progress(id)),
      summary: failed ? null : job.summary,
      problem: failed ? (job.summary ?? { code: 'failed', message: job.error ?? 'failed' }) : null,
    };
  }

  resumeInterrupted = () => this.jobs.resumeInterrupted();
  close = () => this.jobs.close();
}
