import { beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { freshSchema, probePostgres, urlWithSchema } from '../store/backends.js';
import { BASE, routePlan } from '../traffic-api/helpers.js';

/**
 * Vertiport slots booked on two nodes of one PostgreSQL store (issues 15/16): each node keeps its own in-memory
 * slot books, so each decision must first read what the other nodes booked and freed since it last looked, and
 * decide under the cluster-wide lock. Otherwise two nodes both hand out the last free slot of a pad, a node
 * refuses a slot another node has freed, or books one for an intent another node has ended.
 */
const ROUNDS = 8;

type SlotReply = { intentId: string; startAt: string; nextFreeStart: string; finding: { code: string } };
const slot = (srv: TestServer, body: { intentId: string; movement: string; at: string }) =>
  call<SlotReply>(srv.url, 'POST', '/api/vertiports/VP-CCH/slots', { json: body });
const putIntent = async (srv: TestServer, id: string, start: string) => {
  const r = await call(srv.url, 'PUT', `${BASE}/${id}`, { json: { operator: id, plan: routePlan(start) } });
  expect(r.status, r.text.slice(0, 300)).toBe(201);
};
const endIntent = async (srv: TestServer, id: string) =>
  expect((await call(srv.url, 'DELETE', `${BASE}/${id}`)).status).toBe(200);

/** Two app instances (two store connections) on one fresh schema: two nodes without any bus between them. */
async function twoNodes(): Promise<{ url: string; a: TestServer; b: TestServer; started: TestServer[] }> {
  const url = urlWithSchema(await freshSchema());
  const a = await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }) });
  const b = await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }) });
  return { url, a, b, started: [a, b] };
}

const day = (i: number) => `2027-08-${String(i + 1).padStart(2, '0')}`;

describe('vertiport slots booked on two nodes of one PostgreSQL store', () => {
  beforeAll(async () => {
    const down = await probePostgres();
    if (down) throw new Error(`${down}: the cluster tests need PostgreSQL`);
  });

  it('hands the last free slot to exactly one of two nodes booking at once; the other gets 409 and the next free slot', async () => {
    const { a, b, started } = await twoNodes();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        // two flights hours apart (no airspace conflict) that both want the St John pad (capacity 1) at 10:12
        await putIntent(a, `a-${i}`, `${day(i)}T08:00:00+08:00`);
        await putIntent(b, `b-${i}`, `${day(i)}T16:00:00+08:00`);
        const at = `${day(i)}T02:12:30Z`;
        const [onA, onB] = await Promise.all([
          slot(a, { intentId: `a-${i}`, movement: 'arrival', at }),
          slot(b, { intentId: `b-${i}`, movement: 'arrival', at }),
        ]);
        expect([onA.status, onB.status].sort(), `round ${i}: ${onA.text} / ${onB.text}`).toEqual([201, 409]);
        const loser = onA.status === 409 ? onA : onB;
        expect(loser.body.finding.code).toBe('traffic.vertiport.slot-clash');
        expect(loser.body.nextFreeStart).toBe(`${day(i)}T02:15:00.000Z`);
      }
      // the store holds one movement per slot: the pad was never overbooked
      const held = await a.store.vertiportSlots.list({ vertiportId: 'VP-CCH' });
      expect(held).toHaveLength(ROUNDS);
      expect(new Set(held.map((s) => s.index)).size).toBe(ROUNDS);
    } finally {
      for (const s of started) await s.close();
    }
  }, 120_000);

  it('sees a slot booked on the other node, and a slot freed there, at its next decision', async () => {
    const { a, b, started } = await twoNodes();
    try {
      const at = '2027-09-01T02:12:30Z';
      await putIntent(a, 'x-1', '2027-09-01T08:00:00+08:00');
      await putIntent(b, 'y-1', '2027-09-01T16:00:00+08:00');
      expect((await slot(a, { intentId: 'x-1', movement: 'arrival', at })).status).toBe(201);
      // B has not booked anything yet: its book must still learn of x-1's slot before deciding
      const clash = await slot(b, { intentId: 'y-1', movement: 'arrival', at });
      expect(clash.status).toBe(409);
      expect(clash.body.nextFreeStart).toBe('2027-09-01T02:15:00.000Z');
      // x-1 is withdrawn on A: its slot is freed there, and B (whose book holds it) books it at once
      await endIntent(a, 'x-1');
      const freed = await slot(b, { intentId: 'y-1', movement: 'arrival', at });
      expect(freed.status, freed.text).toBe(201);
      expect((await a.store.vertiportSlots.list({ vertiportId: 'VP-CCH' })).map((s) => s.intentId)).toEqual(['y-1']);
      // and the other way round: freed on B, bookable from A
      await putIntent(a, 'x-2', '2027-09-02T08:00:00+08:00');
      expect((await slot(a, { intentId: 'x-2', movement: 'arrival', at })).status).toBe(409);
      await endIntent(b, 'y-1');
      expect((await slot(a, { intentId: 'x-2', movement: 'arrival', at })).status).toBe(201);
    } finally {
      for (const s of started) await s.close();
    }
  }, 60_000);

  it('a node whose book and index were loaded at start follows intents ended and created on the other node', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }) });
    const started = [a];
    try {
      const at = '2027-10-01T02:12:30Z';
      await putIntent(a, 'p-1', '2027-10-01T08:00:00+08:00');
      expect((await slot(a, { intentId: 'p-1', movement: 'arrival', at })).status).toBe(201);
      // B starts now: its index holds p-1 and its book p-1's slot
      const b = await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }) });
      started.push(b);
      await endIntent(a, 'p-1');
      // an intent ended elsewhere holds no slot here either
      const ended = await slot(b, { intentId: 'p-1', movement: 'departure', at: '2027-10-01T03:12:30Z' });
      expect(ended.status).toBe(409);
      expect(ended.text).toContain('Ended');
      // an intent accepted on A is bookable from B straight away, and takes the slot p-1 freed
      await putIntent(a, 'q-1', '2027-10-01T16:00:00+08:00');
      const fresh = await slot(b, { intentId: 'q-1', movement: 'arrival', at });
      expect(fresh.status, fresh.text).toBe(201);
      expect((await b.store.vertiportSlots.list({ vertiportId: 'VP-CCH' })).map((s) => s.intentId)).toEqual(['q-1']);
    } finally {
      for (const s of started) await s.close();
    }
  }, 60_000);

  it('frees, at the next booking, a slot whose intent this node no longer indexes (past its end) when it ends elsewhere', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }) });
    const started = [a];
    try {
      // r-1 flies 08:00-08:40 in Hong Kong and holds the pad at 10:10-10:15 (the slot outlives the flight)
      const at = '2027-11-01T02:12:30Z';
      await putIntent(a, 'r-1', '2027-11-01T08:00:00+08:00');
      expect((await slot(a, { intentId: 'r-1', movement: 'arrival', at })).status).toBe(201);
      // B starts at 09:00: its index leaves r-1 out (over), its book holds r-1's slot (still ahead)
      const b = await startServer({
        store: await openPostgresStore({ url, maxConnections: 4 }),
        deps: { traffic: { now: () => Date.parse('2027-11-01T01:00:00Z') } },
      });
      started.push(b);
      await putIntent(b, 's-1', '2027-11-01T16:00:00+08:00');
      expect((await slot(b, { intentId: 's-1', movement: 'arrival', at })).status).toBe(409);
      await endIntent(a, 'r-1');
      const freed = await slot(b, { intentId: 's-1', movement: 'arrival', at });
      expect(freed.status, freed.text).toBe(201);
    } finally {
      for (const s of started) await s.close();
    }
  }, 60_000);
});
