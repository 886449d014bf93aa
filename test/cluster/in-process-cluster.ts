import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SessionInfo, Snapshot } from '../../rules/src/protocol/index.js';
import { ClusterNode } from '../../server/src/cluster/node.js';
import { connectRedis } from '../../server/src/cluster/redis.js';
import type { RealtimeDeps } from '../../server/src/realtime/index.js';
import { request, startServer, type TestServer } from '../realtime/harness.js';
import { liveScenario } from '../realtime/scenarios.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix, until } from './nodes.js';

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

/** A node loses Redis (a crash, for the cluster): its leases lapse and another node continues its sessions. */
export function cutOffFromRedis(node: ClusterNode): void {
  node.redis.pub.disconnect();
  node.redis.sub.disconnect();
  node.redis.leases.disconnect();
}

/** The node reaches Redis again (before the test ends, so that closing it is orderly). */
export async function reconnectToRedis(node: ClusterNode): Promise<void> {
  await node.redis.pub.connect();
  await node.redis.sub.connect();
  await node.redis.leases.connect();
}

/** A viewer on `srv` joins session `id`: the snapshots it receives, once the join snapshot has come. */
export async function snapshotsOf(srv: TestServer, id: string): Promise<Snapshot[]> {
  const viewer = await srv.client();
  const snapshots: Snapshot[] = [];
  viewer.on('session:snapshot', (s) => snapshots.push(s));
  const joined = await request<SessionInfo>(viewer, 'session:join', { sessionId: id });
  expect(joined.ok).toBe(true);
  await until(() => snapshots.length === 1, 'the join snapshot');
  return snapshots;
}
