import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode } from '../../server/src/cluster/node.js';
import { connectRedis } from '../../server/src/cluster/redis.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { freshSchema, probePostgres, urlWithSchema } from '../store/backends.js';
import { BASE, type ConflictReply, type IntentReply, ROUTE, routePlan, T0 } from '../traffic-api/helpers.js';
import { dropPrefix, REDIS_URL, requireRedis, testPrefix, until } from './nodes.js';

/**
 * Two nodes on one PostgreSQL store and one Redis (issues 15 and 16): an operational intent accepted on node A is
 * in node B's deconfliction index at once, so B refuses a flight that conflicts with it; ending it on A frees B.
 * Without the intent bus, B keeps the index it read at start and accepts the conflicting flight.
 */
let redis: Redis;
const prefix = testPrefix();
const servers: TestServer[] = [];
const nodes: ClusterNode[] = [];

beforeAll(async () => {
  redis = await requireRedis();
  const down = await probePostgres();
  if (down) throw new Error(`${down}: the cluster tests need PostgreSQL`);
});
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  for (const n of nodes) await n.close().catch(() => undefined);
  if (redis) {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
});

async function node(nodeId: string, url: string): Promise<TestServer> {
  const n = new ClusterNode(await connectRedis(REDIS_URL), { redisUrl: REDIS_URL, prefix, leaseMs: 2000, nodeId });
  nodes.push(n);
  const srv = await startServer({
    store: await openPostgresStore({ url, maxConnections: 4 }),
    deps: {
      realtime: {
        enabled: true,
        options: { tickSource: manualTickSource(), defaultScenarioId: null, cluster: n, sink: n.sink },
      },
    },
  });
  servers.push(srv);
  return srv;
}

describe('operational intents across nodes', () => {
  it('node B deconflicts against an intent accepted on node A, and is freed when A ends it', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = await node('utm-a', url);
    const b = await node('utm-b', url);
    const put = <T>(srv: TestServer, id: string, body: unknown) =>
      call<T>(srv.url, 'PUT', `${BASE}/${id}`, { json: body });

    const alpha = await put<IntentReply>(a, 'alpha-1', {
      operator: 'Alpha Deliveries',
      plan: routePlan(T0),
      routeId: ROUTE,
    });
    expect(alpha.status).toBe(201);
    // B learns of it through Redis (at start its index was empty), and refuses the same flight three minutes later
    await until(
      () => b.app.services.intents.index.get('alpha-1') !== undefined,
      'B reading the intent A accepted',
      5000,
    );
    const late = { operator: 'Bravo Logistics', plan: routePlan('2027-03-16T10:03:00+08:00'), routeId: ROUTE };
    const bravo = await put<ConflictReply>(b, 'bravo-1', late);
    expect(bravo.status, JSON.stringify(bravo.body)).toBe(409);
    expect(bravo.body.conflicts[0]).toMatchObject({ intentId: 'alpha-1', operator: 'Alpha Deliveries' });

    // A ends it: B's index takes the ended state, and Bravo is accepted on B
    const ended = await call(a.url, 'POST', `${BASE}/alpha-1/state`, { json: { state: 'Ended' } });
    expect(ended.status, ended.text).toBe(200);
    // (an index drops an intent once it has ended)
    await until(() => b.app.services.intents.index.get('alpha-1') === undefined, 'B reading the end', 5000);
    const again = await put<IntentReply>(b, 'bravo-1', late);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  }, 60_000);
});
