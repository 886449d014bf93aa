import type { ApiError, JobDone, JobProgress } from '@sua-sandbox/rules/protocol';
import type { Logger } from 'pino';
import type { Store } from '../../store/types.js';
import { type WorkPool, WorkTaskError } from '../../workers/pool.js';
import { type BatchRunner, ImpactBatchFailed } from './batch-runner.js';
import { runImpactBatches } from './batched.js';
import type { ImpactTally } from './compare.js';
import type { JobContext } from './job-input.js';
import { toRow, withDuration } from './job-result.js';
import type { CorpusItem, ImpactProgress } from './run.js';
import { finalSummary } from './traffic.js';

/** Pushed to `job:<id>` subscribers (socket.io): shapes of JobProgress / JobDone in rules/src/protocol. */
export interface JobEvents {
  progress(p: ProgressEvent): void;
  done(d: JobDone): void;
}

/** A job running in this process: its latest progress, how to stop it, and when it has stopped. */
export interface LiveState {
  progress: ImpactProgress;
  abort: AbortController;
  finished: Promise<void>;
}

/** Where a run starts: a new job at 0, a resumed one at its last checkpoint with the totals so far. */
export interface RunStart {
  firstSeq: number;
  tally?: ImpactTally;
  workMs: number;
  resumed: boolean;
}

/** Plans per checkpoint: each batch's rows, the counter and the totals are written in one transaction. */
export const DEFAULT_BATCH_SIZE = 100;

export const progressMessage = (p: ImpactProgress) =>
  `${Math.floor(p.percent)}%${p.etaMs === null ? '' : ` · ETA ${Math.ceil(p.etaMs / 1000)} s`}`;

/** A job's progress as its listeners get it (`job:progress`, every field given). */
export type ProgressEvent = Required<Omit<JobProgress, 'etaMs'>> & { etaMs: number | null };

export const progressEvent = (jobId: string, p: ImpactProgress): ProgressEvent => ({
  jobId,
  done: p.done,
  total: p.total,
  message: progressMessage(p),
  percent: p.percent,
  etaMs: p.etaMs,
});

/** What an in-process run needs: the store it checkpoints to, its listeners, and where its batches run. */
export interface JobRunDeps {
  store: Store;
  events: JobEvents;
  logger: Logger;
  batchSize?: number;
  batches: BatchRunner;
  pool: WorkPool;
  /** the run has stopped (done, failed or paused): called before its promise settles */
  ended(jobId: string): void;
}

/**
 * Runs a job's plans from `from` to the end, checkpointing each batch, and ends it done or failed. Stopped with
 * the server (aborted, or its pool closed), it stays unfinished and resumes from its checkpoint at the next start.
 */
export async function runImpactJob(
  deps: JobRunDeps,
  jobId: string,
  ctx: JobContext,
  items: CorpusItem[],
  from: RunStart,
  state: LiveState,
): Promise<void> {
  const { store, events, logger } = deps;
  const t0 = performance.now();
  const workMs = () => from.workMs + (performance.now() - t0);
  try {
    if (!from.resumed) await store.jobs.markRunning(jobId);
    const result = await runImpactBatches(items, {
      ...ctx,
      runBatch: (input) => deps.batches.run(input, ctx.airspace, state.abort.signal),
      firstSeq: from.firstSeq,
      tally: from.tally,
      batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE,
      signal: state.abort.signal,
      onProgress: (p) => {
        state.progress = p;
        events.progress(progressEvent(jobId, p));
      },
      onBatch: (batch, processed, tally) =>
        store.transaction((tx) =>
          tx.jobs.checkpoint(jobId, { processed, rows: batch.map(toRow), tally: tally.snapshot(), workMs: workMs() }),
        ),
    });
    const summary = await finalSummary(result.summary, ctx.traffic, () => store.jobs.inputs(jobId, 0), deps.pool);
    const ms = workMs();
    await store.jobs.finish(jobId, summary, [], ms);
    logger.info({ jobId, plans: result.summary.plans, ms: Math.round(ms) }, 'impact job done');
    events.done({ jobId, ok: true, result: withDuration(summary, ms) });
  } catch (err) {
    const poolClosed =
      err instanceof ImpactBatchFailed && err.cause instanceof WorkTaskError && err.cause.reason === 'closed';
    if (state.abort.signal.aborted || poolClosed) {
      // stopped with the server: the job stays unfinished and resumes from its checkpoint at the next start
      logger.info({ jobId, at: state.progress.done }, 'impact job paused until the next start');
      return;
    }
    // a batch over its budget fails the job with the reason; the batches checkpointed before it stay
    const error: ApiError =
      err instanceof ImpactBatchFailed ? err.reply : { code: 'internal', message: 'the impact run failed' };
    logger.error({ err, jobId }, 'impact job failed');
    await store.jobs
      .fail(jobId, error.message)
      .catch((e) => logger.warn({ err: e, jobId }, 'could not mark job failed'));
    events.done({ jobId, ok: false, error });
  } finally {
    deps.ended(jobId);
  }
}
