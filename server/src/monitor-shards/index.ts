/** The sharded live monitor: one worker thread (or `monitor-shard` process over Redis) per shard (rules/src/sim/sharded). */
export {
  MAX_MONITOR_SHARDS,
  type MonitorSharding,
  MonitorShardsEnv,
  monitorSharding,
  monitorShardsFromEnv,
} from './config.js';
export type { ShardInit } from './protocol.js';
export { RedisShardLink, type ShardProcessOptions, startShardProcesses } from './redis-link.js';
export { type ShardedRunOptions, ShardedScenarioRun } from './sharded-run.js';
export { type ShardThreads, startShardThreads, waitingShardThreads, warmShardThreads } from './threads.js';
