import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../rules/src/protocol/index.js';
import { ClusterNode } from '../../server/src/cluster/node.js';
import { connectRedis } from '../../server/src/cluster/redis.js';
import { request, startServer, type TestServer } from '../realtime/harness.js';
import { liveScenario } from '../realtime/scenarios.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from './nodes.js';

let redis: Redis;
const prefix = testPrefix();
const servers: TestServer[] = [];
const nodes: ClusterNode[] = [];

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

/** A realtime server (manual ticks) as a cluster node, in this process; room for every session the test opens. */
async function node(nodeId: string): Promise<{ srv: TestServer; node: ClusterNode }> {
  const n = new ClusterNode(await connectRedis(REDIS_URL), { redisUrl: REDIS_URL, prefix, leaseMs: 2000, nodeId });
  nodes.push(n);
  const srv = await startServer([liveScenario()], {
    defaultScenarioId: null,
    cluster: n,
    sink: n.sink,
    budgets: { sessionsPerPrincipal: 50, sessionsTotal: 50, heavyEventsPerPrincipal: { ratePerS: 100, burst: 1000 } },
  });
  servers.push(srv);
  return { srv, node: n };
}

const ROUNDS = 10;
/** How long the creator's Redis connection is kept busy in each round (as a large session's event log would). */
const BACKLOG_S = 0.2;

describe('a session just created on one node', () => {
  it('is found by every other node as soon as its creator has the create ack', async () => {
    const a = await node('a');
    const b = await node('b');
    const owner = await a.srv.client({ as: 'regulator' });
    const viewer = await b.srv.client({ as: 'regulator' });
    const refused: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // A's checkpoint connection is busy (a blocking read of a key nobody writes): what it sends next waits
      const busy = a.node.redis.pub.blpop(`${prefix}nothing`, BACKLOG_S);
      const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test' });
      if (!created.ok) throw new Error(created.error.message);
      // no pause: the join goes to B the moment A has answered
      const joined = await request<SessionInfo>(viewer, 'session:join', { sessionId: created.data.id });
      if (!joined.ok) refused.push(`${created.data.id}: ${joined.error.code}`);
      else expect(joined.data.id).toBe(created.data.id);
      await busy;
    }
    expect(refused).toEqual([]);
    expect(await redis.scard(`${prefix}sessions`)).toBe(ROUNDS);
  }, 30_000);
});
