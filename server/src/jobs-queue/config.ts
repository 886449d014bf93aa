import { z } from 'zod';

/** An unset or empty variable takes the default. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);
const positiveMs = (max: number, fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(max).default(fallback));

/**
 * The job queue's environment (read by main.ts and by `sua-sandbox worker`):
 * - REDIS_URL: redis://… — impact jobs go to a BullMQ queue on this Redis, run by `sua-sandbox worker`
 *   processes; unset: they run in the server process as before
 * - JOB_QUEUE_PREFIX (default REDIS_PREFIX + "jobs", i.e. sua:jobs): the prefix of the queue's Redis keys (one
 *   per deployment, or per test run)
 * - JOB_LOCK_MS (default 30000): how long a worker's lock on a running job lasts without renewal; a worker that
 *   died loses its job to another worker after about this long (up to twice it, the stalled check's period)
 * - JOB_ATTEMPTS (default 3): tries of a job that fails with an error a retry may cure (Redis or database down)
 * - JOB_CONCURRENCY (default 1): jobs one worker process runs at once
 */
export const JobQueueEnv = z.object({
  REDIS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  JOB_QUEUE_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - only (at most 64)')
      .optional(),
  ),
  /** the cluster's key prefix (cluster/config.ts), under which the queue's keys go by default */
  REDIS_PREFIX: z.preprocess(unsetIfEmpty, z.string().default('sua:')),
  JOB_LOCK_MS: positiveMs(600_000, 30_000),
  JOB_ATTEMPTS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(20).default(3)),
  JOB_CONCURRENCY: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(64).default(1)),
});

export interface JobQueueConfig {
  redisUrl: string;
  prefix: string;
  lockMs: number;
  attempts: number;
  concurrency: number;
}

export class JobQueueConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobQueueConfigError';
  }
}

/** The queue's configuration, or undefined without REDIS_URL (jobs stay in-process). Names every bad variable. */
export function loadJobQueueConfig(env: NodeJS.ProcessEnv): JobQueueConfig | undefined {
  const parsed = JobQueueEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new JobQueueConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (!c.REDIS_URL) return undefined;
  return {
    redisUrl: c.REDIS_URL,
    prefix: c.JOB_QUEUE_PREFIX ?? `${c.REDIS_PREFIX}jobs`,
    lockMs: c.JOB_LOCK_MS,
    attempts: c.JOB_ATTEMPTS,
    concurrency: c.JOB_CONCURRENCY,
  };
}

/** Where the URL points, for messages: never the password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `Redis at ${u.hostname || 'localhost'}:${u.port || '6379'}`;
  } catch {
    return 'Redis (REDIS_URL)';
  }
}
