import type { ImpactProgress } from './run.js';

/**
 * The seam between the impact job service and where jobs run. Without one (no REDIS_URL) a job runs in
 * the server process (ImpactJobService.launch); with one, the service creates the job and its stored
 * corpus as before, then hands the job id to the queue, and worker processes run it (jobs-queue/).
 */
export interface ImpactJobQueue {
  /** queues the stored job `jobId`; a job already queued or running is not queued twice */
  enqueue(jobId: string): Promise<void>;
  /**
   * At start, for a job the store holds as unfinished: queued again when the queue lost it (a Redis
   * restart), or the reason it failed when the queue failed it while no server listened.
   */
  recover(jobId: string): Promise<{ queued: true } | { queued: false; failed: string }>;
  /** the last progress a worker reported for a running job, when this node heard it */
  progress(jobId: string): ImpactProgress | undefined;
  close(): Promise<void>;
}
