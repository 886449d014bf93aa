import { z } from 'zod';

/** More shards than this gain nothing on any machine we run on, and each holds a copy of the run. */
export const MAX_MONITOR_SHARDS = 32;

const count = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(min).max(max).default(fallback));

export const MonitorShardsEnv = z.object({
  MONITOR_SHARDS: count(1, MAX_MONITOR_SHARDS, 1),
  MONITOR_SHARD_MIN_AIRCRAFT: count(1, 1_000_000, 2000),
  MONITOR_SHARDED_SESSIONS: count(1, 64, 2),
  MONITOR_SHARD_PROCESSES: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['0', '1', 'true', 'false']).default('0'),
  ),
});

/** How live sessions' monitors are sharded (server/src/realtime/sharded-session.ts). */
export interface MonitorSharding {
  /** shard threads per sharded session; 1: every session keeps today's single-threaded monitor */
  shards: number;
  /** sessions with fewer simulated aircraft stay single-threaded (threads cost more than they save) */
  minAircraft: number;
  /** at most this many sessions run sharded at once (each holds `shards` threads); the next run single */
  maxSessions: number;
  /** shards in `sua-sandbox monitor-shard` processes over Redis instead of this process's threads */
  processes: boolean;
}

export function monitorSharding(env: z.infer<typeof MonitorShardsEnv>): MonitorSharding {
  return {
    shards: env.MONITOR_SHARDS,
    minAircraft: env.MONITOR_SHARD_MIN_AIRCRAFT,
    maxSessions: env.MONITOR_SHARDED_SESSIONS,
    processes: env.MONITOR_SHARD_PROCESSES === '1' || env.MONITOR_SHARD_PROCESSES === 'true',
  };
}

/**
 * MONITOR_SHARDS (default 1): worker threads one live session's monitor is split over, by tiles of the sky.
 * 1 is the single-threaded monitor of today. Throws naming the variable when it is not an integer in 1..32.
 */
export function monitorShardsFromEnv(env: Record<string, string | undefined>): number {
  const r = MonitorShardsEnv.shape.MONITOR_SHARDS.safeParse(env.MONITOR_SHARDS);
  if (!r.success) throw new Error(`MONITOR_SHARDS: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}
