import { ApiError } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';

/** The one queue: impact runs. A BullMQ job's id is the stored job's id, so a job is never queued twice. */
export const IMPACT_QUEUE = 'impact';

/** What a queued job carries: the stored job, by reference (its corpus and inputs are in the store). */
export const ImpactJobData = z.object({ jobId: z.string().min(1) });
export type ImpactJobData = z.infer<typeof ImpactJobData>;

/** What a worker reports with job.updateProgress, relayed by the nodes as `job:progress`. */
export const QueuedProgress = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  percent: z.number().min(0).max(100),
  etaMs: z.number().nonnegative().nullable(),
  elapsedMs: z.number().nonnegative(),
  message: z.string(),
});
export type QueuedProgress = z.infer<typeof QueuedProgress>;

/** A failure the worker knows the reason of travels as the ApiError's JSON in BullMQ's failedReason. */
export const encodeFailure = (reply: ApiError) => JSON.stringify(reply);

const STALLED = /stalled more than allowable limit/;

/** The ApiError a node reports for a failed job; other errors' text stays in the logs, as in-process. */
export function decodeFailure(failedReason: string | undefined): ApiError {
  if (failedReason) {
    try {
      const parsed = ApiError.safeParse(JSON.parse(failedReason));
      if (parsed.success) return parsed.data;
    } catch {
      // not ours: an error thrown below the job (Redis, the database)
    }
    if (STALLED.test(failedReason))
      return { code: 'failed', message: 'the impact run failed: its workers stopped too many times during it' };
  }
  return { code: 'internal', message: 'the impact run failed' };
}
