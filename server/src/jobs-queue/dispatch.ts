import { runStoredBatch } from '../services/batch-runs/execute.js';
import type { BatchInputDeps } from '../services/batch-runs/input.js';
import { runStoredPlanImport } from '../services/plan-import-jobs.js';
import { JobRunFailed } from '../services/stored-jobs.js';
import { runStoredZoneImport } from '../services/zone-import-jobs.js';
import { JobFailedForGood, runStoredImpactJob, type StoredJobDeps, type StoredJobRun } from './execute.js';

/** What a worker process needs for every kind of job. */
export interface QueuedJobDeps extends StoredJobDeps, Pick<BatchInputDeps, 'scenarios' | 'trafficParams'> {}

/**
 * One queue carries every kind of job by reference (the stored job's id); the stored record says what it is.
 * Every runner continues a job from its last checkpoint, so a retried job ends with the uninterrupted result.
 */
export async function runQueuedJob(jobId: string, deps: QueuedJobDeps, run: StoredJobRun): Promise<unknown> {
  const job = await deps.store.jobs.get(jobId);
  if (job === undefined || job.kind === 'impact') return runStoredImpactJob(jobId, deps, run);
  try {
    if (job.kind === 'zone-import') return await runStoredZoneImport(jobId, deps, run);
    if (job.kind === 'plan-import') return await runStoredPlanImport(jobId, deps, run);
    return await runStoredBatch(jobId, deps, run);
  } catch (err) {
    if (err instanceof JobRunFailed) throw new JobFailedForGood(err.reply);
    throw err;
  }
}
