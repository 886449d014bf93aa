import { UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { JobQueueConfig } from './config.js';
import { type QueuedJobDeps, runQueuedJob } from './dispatch.js';
import { JobFailedForGood } from './execute.js';
import { encodeFailure, IMPACT_QUEUE, ImpactJobData } from './messages.js';
import { redisConnection } from './redis.js';

export interface ImpactWorker {
  /** resolves once the worker listens to the queue */
  ready: Promise<void>;
  /** stops the running jobs at their next batch, hands them back to the queue, and disconnects */
  close(): Promise<void>;
}

/**
 * A BullMQ worker for stored jobs (impact runs, scenario batches). Its lock on a running job lasts `lockMs` and is renewed while it runs; a
 * worker that dies stops renewing, and the stalled check of any live worker puts the job back in the queue
 * (at most attempts − 1 times), where the next worker resumes it from its last checkpoint. A job that fails
 * with an error is retried with backoff up to `attempts` tries; one no retry can cure fails at once.
 */
export function startImpactWorker(cfg: JobQueueConfig, deps: QueuedJobDeps): ImpactWorker {
  const { logger } = deps;
  const connection = redisConnection(cfg.redisUrl, { blocking: true });
  const running = new Set<AbortController>();
  const worker = new Worker<ImpactJobData, unknown>(
    IMPACT_QUEUE,
    async (job, token) => {
      const data = ImpactJobData.safeParse(job.data);
      if (!data.success)
        throw new UnrecoverableError(
          encodeFailure({ code: 'invalid_payload', message: 'the job names no stored job' }),
        );
      const abort = new AbortController();
      running.add(abort);
      try {
        return await runQueuedJob(data.data.jobId, deps, {
          signal: abort.signal,
          onProgress: (p) => {
            job.updateProgress(p).catch((err: unknown) => logger.warn({ err, jobId: job.id }, 'progress not sent'));
          },
        });
      } catch (err) {
        if (err instanceof JobFailedForGood) throw new UnrecoverableError(encodeFailure(err.reply));
        if (abort.signal.aborted && token) {
          // shutting down: back to the queue without spending a try; the next worker resumes it
          await job.moveToWait(token);
          logger.info({ jobId: job.id }, 'impact job handed back to the queue');
          throw new WaitingError();
        }
        logger.error({ err, jobId: job.id, attempt: job.attemptsMade + 1 }, 'impact job attempt failed');
        throw err;
      } finally {
        running.delete(abort);
      }
    },
    {
      connection,
      prefix: cfg.prefix,
      concurrency: cfg.concurrency,
      lockDuration: cfg.lockMs,
      stalledInterval: cfg.lockMs,
      maxStalledCount: Math.max(1, cfg.attempts - 1),
    },
  );
  worker.on('error', (err) => logger.warn({ err }, 'job worker: Redis error'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'impact job stalled (its worker stopped): queued again'));
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close() {
      for (const abort of running) abort.abort();
      await worker.close();
    },
  };
}
