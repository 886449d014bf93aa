import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { ClusterNode } from '../../server/src/cluster/node.js';
import { connectRedis } from '../../server/src/cluster/redis.js';
import type { RealtimeDeps } from '../../server/src/realtime/index.js';
import { startServer, type TestServer } from '../realtime/harness.js';
import { liveScenario } from '../realtime/scenarios.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from './nodes.js';

export interface InProcessNode {
  srv: TestServer;
  node: ClusterNode;
}

/**
 * Realtime servers (manual ticks) as cluster nodes in this process, on one Redis prefix of this test file's own:
 * registers the file's beforeAll (Redis must answer) and afterAll (servers, nodes and the prefix's keys go).
 */
export function inProcessCluster() {
  const prefix = testPrefix();
  const servers: TestServer[] = [];
  const nodes: ClusterNode[] = [];
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = await requireRedis();
  });
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
    for (const n of nodes) await n.close().catch(() => undefined);
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  });
  return {
    prefix,
    /** the test's own Redis connection (after beforeAll) */
    redis(): Redis {
      if (!redis) throw new Error('Redis is not connected yet');
      return redis;
    },
    /** `serveDelayMs`: the node serves forwarded joins that late (cluster/remote.ts); `deps`: more realtime deps */
    async node(
      nodeId: string,
      opts: { leaseMs?: number; serveDelayMs?: number; deps?: Partial<RealtimeDeps> } = {},
    ): Promise<InProcessNode> {
      const cfg = { redisUrl: REDIS_URL, prefix, leaseMs: opts.leaseMs ?? 2000, nodeId };
      const n = new ClusterNode(await connectRedis(REDIS_URL), cfg, undefined, { serveDelayMs: opts.serveDelayMs });
      nodes.push(n);
      const srv = await startServer([liveScenario()], {
        defaultScenarioId: null,
        cluster: n,
        sink: n.sink,
        ...opts.deps,
      });
      servers.push(srv);
      return { srv, node: n };
    },
  };
}
