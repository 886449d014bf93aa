/** Jobs (impact analysis): subscribing to a job and the progress and result pushed to its room. */
import { z } from 'zod';
import { ApiError } from './errors.js';

export const JobSubscribe = z.object({ jobId: z.string().min(1).max(200) });
export type JobSubscribe = z.infer<typeof JobSubscribe>;
/** `job:progress`, pushed to the room `job:<id>`. */
export const JobProgress = z.object({
  jobId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  /** estimated time left; null while unknown */
  etaMs: z.number().nonnegative().nullable().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;
/** `job:done`: the result, or why the job failed (the one ApiError shape). */
export const JobDone = z.object({
  jobId: z.string(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: ApiError.optional(),
});
export type JobDone = z.infer<typeof JobDone>;
