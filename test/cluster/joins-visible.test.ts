import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../rules/src/protocol/index.js';
import { request } from '../realtime/harness.js';
import { inProcessCluster } from './in-process-cluster.js';

const cluster = inProcessCluster();
const { prefix } = cluster;
/** A cluster node in this process, with room for every session the test opens. */
const node = (nodeId: string) =>
  cluster.node(nodeId, {
    deps: {
      budgets: { sessionsPerPrincipal: 50, sessionsTotal: 50, heavyEventsPerPrincipal: { ratePerS: 100, burst: 1000 } },
    },
  });

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
    expect(await cluster.redis().scard(`${prefix}sessions`)).toBe(ROUNDS);
  }, 30_000);
});
