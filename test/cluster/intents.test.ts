import { describe, expect, it } from 'vitest';
import { call, type TestServer } from '../server/helpers.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { BASE, type ConflictReply, type IntentReply, ROUTE, routePlan, T0 } from '../traffic-api/helpers.js';
import { until } from './nodes.js';
import { pgCluster } from './pg-nodes.js';

/**
 * Two nodes on one PostgreSQL store and one Redis (issues 15 and 16): an operational intent accepted on node A is
 * in node B's deconfliction index at once, so B refuses a flight that conflicts with it; ending it on A frees B.
 * Without the intent bus, B keeps the index it read at start and accepts the conflicting flight.
 */
const cluster = pgCluster();
const node = async (nodeId: string, url: string) => (await cluster.node(nodeId, url)).srv;

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
