import { z } from 'zod';

/** More shards than this gain nothing on any machine we run on, and each holds a copy of the run. */
export const MAX_MONITOR_SHARDS = 32;

const MonitorShardsEnv = z.object({
  MONITOR_SHARDS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1).max(MAX_MONITOR_SHARDS).default(1),
  ),
});

/**
 * MONITOR_SHARDS (default 1): worker threads one live session's monitor is split over, by tiles of the sky.
 * 1 is the single-threaded monitor of today. Throws naming the variable when it is not an integer in 1..32.
 */
export function monitorShardsFromEnv(env: Record<string, string | undefined>): number {
  const r = MonitorShardsEnv.safeParse({ MONITOR_SHARDS: env.MONITOR_SHARDS });
  if (!r.success) throw new Error(`MONITOR_SHARDS: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data.MONITOR_SHARDS;
}
