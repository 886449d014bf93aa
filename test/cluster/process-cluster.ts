import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { dropPrefix, type Node, requireRedis, testPrefix } from './nodes.js';

export interface ProcessCluster {
  /** this file's Redis key prefix (REDIS_PREFIX of its nodes) */
  prefix: string;
  /** the node processes started: killed and waited for after the file's tests */
  nodes: Node[];
  /** sockets opened: disconnected after the file's tests */
  clients: { disconnect(): void }[];
  /** a connection for the test's own reads (available once the file's tests run) */
  readonly redis: Redis;
}

/**
 * The node processes of one test file over Redis: Redis is checked before its tests; after them every client is
 * disconnected, every node killed and waited for, and the file's keys dropped.
 */
export function processCluster(): ProcessCluster {
  let redis: Redis | undefined;
  const cluster: ProcessCluster = {
    prefix: testPrefix(),
    nodes: [],
    clients: [],
    get redis(): Redis {
      if (!redis) throw new Error('Redis is connected in beforeAll: read it inside a test');
      return redis;
    },
  };
  beforeAll(async () => {
    redis = await requireRedis();
  });
  afterAll(async () => {
    for (const c of cluster.clients) c.disconnect();
    for (const n of cluster.nodes) if (n.main.child.exitCode === null) n.main.child.kill('SIGKILL');
    await Promise.all(cluster.nodes.map((n) => n.main.exited));
    if (redis) {
      await dropPrefix(redis, cluster.prefix);
      redis.disconnect();
    }
  });
  return cluster;
}
