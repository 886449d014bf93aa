/**
 * The sharded live monitor: one worker thread (or `monitor-shard` process over Redis) per shard (rules/src/sim/sharded).
 * Shard processes (redis-link.ts, with its Redis client) are imported from their own module, only where used.
 */
export {
  MAX_MONITOR_SHARDS,
  type MonitorSharding,
  MonitorShardsEnv,
  monitorSharding,
  monitorShardsFromEnv,
} from './config.js';
export type { ShardInit } from './protocol.js';
export { type ShardedRunOptions, ShardedScenarioRun } from './sharded-run.js';
export { type ShardThreads, startShardThreads, waitingShardThreads, warmShardThreads } from './threads.js';
