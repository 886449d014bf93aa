import type { Logger } from 'pino';
import type { ImpactJobQueue } from '../services/impact/job-queue.js';
import type { JobEvents } from '../services/impact/jobs.js';
import { jobRoom } from '../sockets/jobs.js';
import type { LiveServer } from '../sockets/types.js';
import type { Store } from '../store/types.js';
import type { JobQueueConfig } from './config.js';
import { openImpactQueue } from './queue.js';

export { type JobQueueConfig, JobQueueConfigError, loadJobQueueConfig } from './config.js';
export { RedisUnavailableError } from './redis.js';

/** What createApp gives the queue: its socket.io server (events go to this node's sockets), store and log. */
export type JobQueueFactory = (node: { io: LiveServer; store: Store; logger: Logger }) => Promise<ImpactJobQueue>;

/**
 * Job events to this node's own sockets in the job's room (`io.local`): every node hears the workers'
 * events from the queue, so each relays them to its own subscribers, and none receives one twice, with
 * or without the Redis socket.io adapter.
 */
export function localJobEvents(io: LiveServer): JobEvents {
  return {
    progress: (p) => io.local.to(jobRoom(p.jobId)).emit('job:progress', p),
    done: (d) => io.local.to(jobRoom(d.jobId)).emit('job:done', d),
  };
}

/** REDIS_URL set: impact jobs go to the BullMQ queue and `sua-sandbox worker` processes run them. */
export const queuedImpactJobs =
  (cfg: JobQueueConfig): JobQueueFactory =>
  ({ io, store, logger }) =>
    openImpactQueue(cfg, { events: localJobEvents(io), store, logger });
