import { type CliProcess, startCliCommand } from '../jobs/main-process.js';
import { REDIS_URL } from './nodes.js';

export type ShardCli = CliProcess;

/** `sua-sandbox monitor-shard` on this Redis under `prefix`, until it says it is ready for a run. */
export function startShardCli(prefix: string): ShardCli {
  return startCliCommand('monitor-shard', { REDIS_URL, REDIS_PREFIX: prefix }, 'monitor shard ready');
}
