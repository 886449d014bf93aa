/**
 * The sharded monitor's pure parts: tiles and halos, the per-tick sample columns, the hand-over of an aircraft's
 * state between shards, one shard, the coordinator and the merge of the shards' events. Threads are the server's.
 */
export * from './columns.js';
export * from './coordinator.js';
export * from './handoff.js';
export * from './merge.js';
export * from './mirror.js';
export * from './ownership.js';
export * from './scenario-shard.js';
export * from './shard.js';
export * from './shard-control.js';
export * from './tiling.js';
export * from './work-window.js';
