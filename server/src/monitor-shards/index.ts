/** The sharded live monitor's threads: one worker thread per shard, typed arrays per tick (rules/src/sim/sharded). */
export { MAX_MONITOR_SHARDS, monitorShardsFromEnv } from './config.js';
export type { ShardInit } from './protocol.js';
export { type ShardedRunOptions, ShardedScenarioRun } from './sharded-run.js';
export { type ShardThreads, startShardThreads } from './threads.js';
