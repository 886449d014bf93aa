import type { z } from 'zod';
import { AppError, problemOf } from '../errors.js';
import type { Repositories, Store } from '../store/types.js';
import { type JobRunControl, JobRunFailed } from './stored-jobs.js';

export interface OneStepJob<I> {
  /** the job's stored input */
  input: z.ZodType<I>;
  /** what the caller should do when the stored input no longer reads ("import the file again") */
  unreadable: string;
  /** keep the refusal (with its issues) as the failed job's summary, for GET /api/jobs/:id to show */
  keepProblem?: boolean;
  /** does the work; `finish` writes the answer with the job's result, in the work's own transaction */
  run(input: I, finish: (tx: Repositories, answer: unknown) => Promise<void>): Promise<void>;
}

/**
 * A job done in one step (a large zone import or plan upload), from its stored input. The work writes its result
 * and the job's in one transaction, so a retried job (its worker died) finds the result stored or runs afresh,
 * never twice. A refusal the synchronous request would answer (an exposed 4xx) fails the job for good with that
 * reason; anything else (a 503: busy, shutting down; a stop) is left for a retry.
 */
export async function runOneStepJob<I>(
  jobId: string,
  store: Store,
  control: JobRunControl,
  job: OneStepJob<I>,
): Promise<{ answer: unknown; workMs: number }> {
  const rec = await store.jobs.get(jobId);
  if (!rec) throw new JobRunFailed({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  if (rec.status === 'done') return { answer: rec.summary, workMs: rec.workMs };
  if (rec.status === 'failed') throw new JobRunFailed({ code: 'failed', message: rec.error ?? 'failed' });
  const parsed = job.input.safeParse((await store.jobs.resumeState(jobId))?.input);
  if (!parsed.success) {
    const message = `cannot run the job: its stored input is not readable; ${job.unreadable}`;
    await store.jobs.fail(jobId, message);
    throw new JobRunFailed({ code: 'failed', message });
  }
  if (rec.status === 'queued') await store.jobs.markRunning(jobId);
  else await store.jobs.markResumed(jobId);
  const t0 = performance.now();
  let answer: unknown;
  try {
    await job.run(parsed.data, async (tx, a) => {
      answer = a;
      await tx.jobs.finish(jobId, a, [], performance.now() - t0);
    });
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || control.signal.aborted) throw err;
    const problem = problemOf(err);
    await store.jobs.fail(jobId, err.message, job.keepProblem ? problem : undefined);
    throw new JobRunFailed(problem);
  }
  const workMs = performance.now() - t0;
  control.onProgress({ done: 1, total: 1, percent: 100, etaMs: 0, elapsedMs: workMs, message: '100%' });
  return { answer, workMs };
}
