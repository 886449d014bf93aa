import type { RealtimeDeps, RealtimeLogger } from '../realtime/index.js';
import type { ClusterConfig } from './config.js';
import { ClusterNode } from './node.js';
import { connectRedis, describeRedisUrl } from './redis.js';

export type { ClusterConfig } from './config.js';
export { ClusterNode } from './node.js';
export type { Readiness } from './ready.js';

/**
 * Join the cluster named by REDIS_URL: connects Redis (throws naming it when it does not answer) and returns the
 * node with the realtime options that make sessions leased, checkpointed and visible from every node.
 */
export async function startClusterNode(
  cfg: ClusterConfig,
  logger?: RealtimeLogger,
): Promise<{ node: ClusterNode; realtime: Pick<RealtimeDeps, 'cluster' | 'sink'>; describe: string }> {
  const redis = await connectRedis(cfg.redisUrl, (err) => logger?.warn({ err }, 'cluster: Redis connection error'));
  const node = new ClusterNode(redis, cfg, logger);
  return {
    node,
    realtime: { cluster: node, sink: node.sink },
    describe: `${describeRedisUrl(cfg.redisUrl)} as node ${cfg.nodeId}`,
  };
}
