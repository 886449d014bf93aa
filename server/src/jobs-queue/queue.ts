import { type JobsOptions, Queue, QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import type { ImpactJobQueue } from '../services/impact/job-queue.js';
import type { JobEvents } from '../services/impact/jobs.js';
import type { ImpactProgress } from '../services/impact/run.js';
import type { Store } from '../store/types.js';
import type { JobQueueConfig } from './config.js';
import { decodeFailure, IMPACT_QUEUE, type ImpactJobData, QueuedProgress } from './messages.js';
import { probeRedis, redisConnection } from './redis.js';

/** Backoff before a retry of a job whose attempt failed with an error (a stalled job is re-queued at once). */
const BACKOFF_MS = 1_000;
const DAY_S = 86_400;

/** Every job: its tries, and how long BullMQ keeps a finished one (the store keeps the result for good). */
export const impactJobOptions = (cfg: Pick<JobQueueConfig, 'attempts'>): JobsOptions => ({
  attempts: cfg.attempts,
  backoff: { type: 'exponential', delay: BACKOFF_MS },
  removeOnComplete: { age: DAY_S },
  removeOnFail: { age: 7 * DAY_S },
});

export interface QueueNodeDeps {
  /** emits to this node's own sockets only: every node hears the queue's events and relays them */
  events: JobEvents;
  store: Store;
  logger: Logger;
}

/**
 * The server side of the queue: enqueues stored jobs and relays what the workers report (BullMQ
 * QueueEvents) to the job's subscribers connected to this node. A job that fails for good is marked
 * failed in the store by whichever node hears it first (the write is the same from every node).
 */
export async function openImpactQueue(cfg: JobQueueConfig, deps: QueueNodeDeps): Promise<ImpactJobQueue> {
  await probeRedis(cfg.redisUrl);
  const { events, store, logger } = deps;
  const producer = redisConnection(cfg.redisUrl, { blocking: false });
  const listener = redisConnection(cfg.redisUrl, { blocking: true });
  const queue = new Queue<ImpactJobData>(IMPACT_QUEUE, {
    connection: producer,
    prefix: cfg.prefix,
    defaultJobOptions: impactJobOptions(cfg),
  });
  const queueEvents = new QueueEvents(IMPACT_QUEUE, { connection: listener, prefix: cfg.prefix });
  const live = new Map<string, ImpactProgress>();

  queueEvents.on('progress', ({ jobId, data }) => {
    const p = QueuedProgress.safeParse(data);
    if (!p.success) return logger.warn({ jobId }, 'a worker reported progress of an unknown shape');
    const { message, ...progress } = p.data;
    live.set(jobId, progress);
    events.progress({
      jobId,
      message,
      done: p.data.done,
      total: p.data.total,
      percent: p.data.percent,
      etaMs: p.data.etaMs,
    });
  });
  queueEvents.on('completed', ({ jobId, returnvalue }) => {
    live.delete(jobId);
    events.done({ jobId, ok: true, result: returnvalue });
  });
  queueEvents.on('failed', ({ jobId, failedReason }) => {
    live.delete(jobId);
    const error = decodeFailure(failedReason);
    void markFailed(store, jobId, error.message)
      .catch((err: unknown) => logger.warn({ err, jobId }, 'could not mark job failed'))
      .finally(() => events.done({ jobId, ok: false, error }));
  });
  queueEvents.on('error', (err) => logger.warn({ err }, 'job queue events: Redis error'));
  queue.on('error', (err) => logger.warn({ err }, 'job queue: Redis error'));
  await Promise.all([queue.waitUntilReady(), queueEvents.waitUntilReady()]);
  logger.info({ prefix: cfg.prefix }, 'impact jobs go to the job queue; `sua-sandbox worker` processes run them');

  return {
    async enqueue(jobId) {
      await queue.add('impact', { jobId }, { jobId });
    },
    async recover(jobId) {
      const job = await queue.getJob(jobId);
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'failed') return { queued: false, failed: decodeFailure(job.failedReason).message };
      // the store has it unfinished yet the queue finished it: run it again (it resumes from its checkpoint)
      if (job && state === 'completed') await job.remove();
      if (!job || state === 'completed' || state === 'unknown') await queue.add('impact', { jobId }, { jobId });
      return { queued: true };
    },
    progress: (jobId) => live.get(jobId),
    async close() {
      await queueEvents.close();
      await queue.close();
    },
  };
}

/** Only a job the store still has unfinished: a done job stays done. */
async function markFailed(store: Store, jobId: string, message: string): Promise<void> {
  const job = await store.jobs.get(jobId);
  if (job && (job.status === 'queued' || job.status === 'running')) await store.jobs.fail(jobId, message);
}
