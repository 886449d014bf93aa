import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadRouteNetwork, loadTrafficParams } from '../../server/src/data/traffic.js';
import { AppError } from '../../server/src/errors.js';
import { IntentService } from '../../server/src/services/intents.js';
import { call, type TestServer } from '../server/helpers.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { BASE, type ConflictReply, type IntentReply, routePlan } from '../traffic-api/helpers.js';
import { pgCluster } from './pg-nodes.js';

/**
 * Issues 15 and 16: submissions are decided one at a time across the cluster, not only on each node. Two
 * conflicting intents sent at the same moment, one to node A and one to node B, end with exactly one accepted and
 * the other refused with the usual conflict answer, however the two requests interleave; each node's own queue
 * and the intent bus alone let both through (neither has heard of the other when it decides).
 */
const cluster = pgCluster();
const PAIRS = 10;

type Reply = IntentReply & ConflictReply;
const put = (srv: TestServer, id: string, body: unknown) =>
  call<Reply>(srv.url, 'PUT', `${BASE}/${id}`, { json: body });
/** Pair `i` flies on its own day, so pairs never conflict with each other. */
const dayOf = (i: number) => `2027-05-${String(i + 1).padStart(2, '0')}`;

describe('operational intents submitted on two nodes at once', () => {
  it('accepts exactly one of two conflicting intents, every time, and stores only the accepted ones', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = (await cluster.node('race-a', url)).srv;
    const b = (await cluster.node('race-b', url)).srv;

    const accepted: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const plan = routePlan(`${dayOf(i)}T10:00:00+08:00`);
      const [onA, onB] = await Promise.all([
        put(a, `a-${i}`, { operator: 'Alpha Deliveries', plan }),
        put(b, `b-${i}`, { operator: 'Bravo Logistics', plan }),
      ]);
      const statuses = [onA.status, onB.status].sort();
      expect(statuses, `pair ${i}: a-${i} got ${onA.status}, b-${i} got ${onB.status}`).toEqual([201, 409]);
      const [winner, loser] = onA.status === 201 ? [`a-${i}`, onB] : [`b-${i}`, onA];
      // the refusal is the usual conflict answer, naming the intent that won
      expect(loser.body.conflicts.map((c) => c.intentId)).toContain(winner);
      expect(loser.body.message).toMatch(/intersects accepted intents/);
      accepted.push(winner);
    }

    // two flights hours apart on the same day, sent together: both accepted
    const morning = routePlan('2027-06-01T08:00:00+08:00');
    const evening = routePlan('2027-06-01T16:00:00+08:00');
    const [early, late] = await Promise.all([
      put(a, 'a-morning', { operator: 'Alpha Deliveries', plan: morning }),
      put(b, 'b-evening', { operator: 'Bravo Logistics', plan: evening }),
    ]);
    expect([early.status, late.status], `${early.text.slice(0, 300)} / ${late.text.slice(0, 300)}`).toEqual([201, 201]);
    accepted.push('a-morning', 'b-evening');

    const stored = (await a.store.intents.list()).map((r) => r.id);
    expect(stored.sort()).toEqual([...accepted].sort());
  }, 120_000);

  it('answers 503 when the cluster-wide lock is held past the wait, and decides again once it is free', async () => {
    const schema = await freshSchema();
    const url = urlWithSchema(schema);
    const a = (await cluster.node('busy-a', url)).srv;
    // the node's own service on the same store, waiting at most 300 ms for the lock
    const intents = new IntentService(a.store, {
      traffic: { params: loadTrafficParams(), network: loadRouteNetwork() },
      maxWaypoints: 1000,
      maxVolumes: 2000,
      now: Date.now,
      lockWaitMs: 300,
    });
    await intents.init();
    const who = { actor: 'uss-busy' };
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // another process holds the intents lock (the same key as postgres/intents-lock.ts)
      await holder.query("SELECT pg_advisory_lock(hashtext(current_schema() || '.operational-intents'))");
      const plan = routePlan('2027-07-01T10:00:00+08:00');
      const busy = await intents.put('busy-1', { operator: 'Busy', plan }, who).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(busy).toBeInstanceOf(AppError);
      expect(busy).toMatchObject({ status: 503, code: 'unavailable' });
      expect(await a.store.intents.get('busy-1')).toBeUndefined();

      await holder.query("SELECT pg_advisory_unlock(hashtext(current_schema() || '.operational-intents'))");
      const ok = await intents.put('busy-1', { operator: 'Busy', plan }, who);
      expect(ok.accepted).toBe(true);
      // a refusal releases the lock too: the node's own service decides next, and sees busy-1 (written elsewhere)
      const refused = await a.app.services.intents.put('busy-2', { operator: 'Other', plan }, who);
      expect(refused.accepted).toBe(false);
      const after = await a.app.services.intents.put(
        'busy-3',
        { operator: 'Other', plan: routePlan('2027-07-02T10:00:00+08:00') },
        who,
      );
      expect(after.accepted).toBe(true);
    } finally {
      await holder.end();
    }
  }, 60_000);
});
