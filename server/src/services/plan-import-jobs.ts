import { randomUUID } from 'node:crypto';
import { ImportOptions, PLAN_FORMATS } from '@sua-sandbox/rules/imports';
import { z } from 'zod';
import { GROUND_MODELS } from '../data/terrain.js';
import { AppError, notFound, rateLimited } from '../errors.js';
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
import { runOneStepJob } from './one-step-job.js';
import { type PlanImportTaskInput, runPlanImport, uploadIssuePath } from './plan-import.js';
import { PlanService } from './plans.js';
import { type JobRunControl, StoredJobs, type StoredJobsDeps } from './stored-jobs.js';

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
  const { answer } = await runOneStepJob(jobId, deps.store, control, {
    input: PlanImportInput,
    unreadable: 'upload the file again',
    keepProblem: true,
    run: async (input, finish) => {
      const { plan, warnings } = await runPlanImport(deps.pool, taskOf(input), { signal: control.signal });
      const who = { actor: input.actor, ownerOrg: input.ownerOrg };
      // exactly the synchronous 201 body; the time it took is the job's workMs
      await new PlanService(deps.store).create(plan, who, uploadIssuePath, (tx, stored) =>
        finish(tx, { ...stored, warnings }),
      );
    },
  });
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
