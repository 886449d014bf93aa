import type { ApiError } from '@sua-sandbox/rules/protocol';
import type { Logger } from 'pino';
import { BatchRunner, ImpactBatchFailed } from '../services/impact/batch-runner.js';
import { runImpactBatches } from '../services/impact/batched.js';
import { ImpactTally, TallyState } from '../services/impact/compare.js';
import { type JobInputDeps, ResumeRefused, rebuildContext } from '../services/impact/job-input.js';
import { toRow, withDuration } from '../services/impact/job-result.js';
import { DEFAULT_BATCH_SIZE, progressMessage } from '../services/impact/jobs.js';
import { finalSummary } from '../services/impact/traffic.js';
import type { Store } from '../store/types.js';
import type { WorkPool } from '../workers/pool.js';
import type { QueuedProgress } from './messages.js';

/** A job no retry can cure (a batch over its budget, a changed input): the store already has it failed. */
export class JobFailedForGood extends Error {
  constructor(readonly reply: ApiError) {
    super(reply.message);
    this.name = 'JobFailedForGood';
  }
}

export interface StoredJobDeps extends JobInputDeps {
  store: Store;
  pool: WorkPool;
  logger: Logger;
  batchSize?: number;
}

export interface StoredJobRun {
  /** stops the run between batches (the job stays at its last checkpoint) */
  signal: AbortSignal;
  onProgress(p: QueuedProgress): void;
}

/**
 * Runs a stored impact job in a worker process, from its last checkpoint: at 0 for a new job, further on
 * for one whose previous worker died. The same batches, checkpoints and totals as the in-process runner
 * (ImpactJobService), so the stored result is the uninterrupted one; rows are keyed by (job, seq), so a
 * batch is never stored twice. Resolves with the result `job:done` carries.
 */
export async function runStoredImpactJob(jobId: string, deps: StoredJobDeps, run: StoredJobRun): Promise<unknown> {
  const { store, logger } = deps;
  const job = await store.jobs.get(jobId);
  if (!job) throw new JobFailedForGood({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  // a worker that died between storing the result and telling the queue: the result stands
  if (job.status === 'done') return withDuration(job.summary, job.workMs);
  if (job.status === 'failed') throw new JobFailedForGood({ code: 'failed', message: job.error ?? 'failed' });
  const fail = async (reply: ApiError): Promise<never> => {
    await store.jobs.fail(jobId, reply.message);
    throw new JobFailedForGood(reply);
  };
  /** an input is gone or changed since the job was created (the in-process runner's resume refusals) */
  const refuse = (reason: string) => fail({ code: 'failed', message: `cannot run the job: ${reason}; start it again` });
  const state = await store.jobs.resumeState(jobId);
  if (!state) throw new JobFailedForGood({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  let ctx: Awaited<ReturnType<typeof rebuildContext>>;
  try {
    ctx = await rebuildContext(state.input, deps);
  } catch (err) {
    if (err instanceof ResumeRefused) return refuse(err.reason);
    throw err;
  }
  const totals = TallyState.safeParse(state.tally);
  if (state.processed > 0 && !totals.success) return refuse('the checkpoint holds no readable totals');
  const tally = state.processed > 0 && totals.success ? ImpactTally.restore(totals.data) : undefined;
  const items = await store.jobs.inputs(jobId, state.processed);
  if (items.length !== job.total - state.processed) return refuse('the stored corpus of the job is incomplete');
  if (job.status === 'queued') await store.jobs.markRunning(jobId);
  else {
    await store.jobs.markResumed(jobId);
    logger.info({ jobId, from: state.processed, total: job.total }, 'impact job resumed from its last checkpoint');
  }
  const batches = new BatchRunner(deps.pool, logger);
  const t0 = performance.now();
  const workMs = () => state.workMs + (performance.now() - t0);
  try {
    const result = await runImpactBatches(items, {
      ...ctx,
      runBatch: (input) => batches.run(input, ctx.airspace, run.signal),
      firstSeq: state.processed,
      tally,
      batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE,
      signal: run.signal,
      onProgress: (p) => run.onProgress({ ...p, message: progressMessage(p) }),
      onBatch: (batch, processed, t) =>
        store.transaction((tx) =>
          tx.jobs.checkpoint(jobId, { processed, rows: batch.map(toRow), tally: t.snapshot(), workMs: workMs() }),
        ),
    });
    const summary = await finalSummary(result.summary, ctx.traffic, () => store.jobs.inputs(jobId, 0), deps.pool);
    const ms = workMs();
    await store.jobs.finish(jobId, summary, [], ms);
    logger.info({ jobId, plans: result.summary.plans, ms: Math.round(ms) }, 'impact job done');
    return withDuration(summary, ms);
  } catch (err) {
    // stopped (the worker is shutting down): the job stays at its checkpoint for the next worker
    if (run.signal.aborted) throw err;
    if (err instanceof ImpactBatchFailed) return fail(err.reply);
    throw err;
  }
}
