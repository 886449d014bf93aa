import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { AppDeps } from '../../server/src/app.js';
import { ClusterNode } from '../../server/src/cluster/node.js';
import { connectRedis } from '../../server/src/cluster/redis.js';
import { type ManualTickSource, manualTickSource } from '../../server/src/realtime/index.js';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { probePostgres } from '../store/backends.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from './nodes.js';

export interface PgNode {
  srv: TestServer;
  node: ClusterNode;
  ticks: ManualTickSource;
}

/**
 * Cluster nodes in this process on one PostgreSQL store and one Redis (the store-backed cluster tests): checks both
 * answer before the file's tests, and closes every node and drops the run's Redis keys after them.
 */
export function pgCluster() {
  const prefix = testPrefix();
  const started: PgNode[] = [];
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = await requireRedis();
    const down = await probePostgres();
    if (down) throw new Error(`${down}: the cluster tests need PostgreSQL`);
  });
  afterAll(async () => {
    for (const n of started) await n.srv.close().catch(() => undefined);
    for (const n of started) await n.node.close().catch(() => undefined);
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  });
  return {
    /** a node on the store at `url` (a fresh schema), with a manual tick source and no default session */
    async node(
      nodeId: string,
      url: string,
      opts: { leaseMs?: number; as?: 'admin' | 'anonymous'; deps?: Partial<AppDeps> } = {},
    ): Promise<PgNode> {
      const node = new ClusterNode(await connectRedis(REDIS_URL), {
        redisUrl: REDIS_URL,
        prefix,
        leaseMs: opts.leaseMs ?? 2000,
        nodeId,
      });
      const ticks = manualTickSource();
      const srv = await startServer({
        ...(opts.as ? { as: opts.as } : {}),
        store: await openPostgresStore({ url, maxConnections: 4 }),
        deps: {
          realtime: {
            enabled: true,
            options: { tickSource: ticks, defaultScenarioId: null, cluster: node, sink: node.sink },
          },
          ...opts.deps,
        },
      });
      started.push({ srv, node, ticks });
      return { srv, node, ticks };
    },
  };
}
