import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, startServer, type TestServer, tempDir } from '../server/helpers.js';
import { BASE, type ConflictReply, type IntentReply, ROUTE, routePlan, T0 } from './helpers.js';

const put = <T = IntentReply>(url: string, id: string, body: unknown) =>
  call<T>(url, 'PUT', `${BASE}/${id}`, { json: body });
const setState = <T = IntentReply>(url: string, id: string, state: string) =>
  call<T>(url, 'POST', `${BASE}/${id}/state`, { json: { state } });

describe('state transitions (F3548)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.close());

  it('follows the legal ones with a new version each, and refuses the others naming the allowed ones', async () => {
    expect((await put(s.url, 'f-1', { operator: 'Foxtrot', plan: routePlan() })).status).toBe(201);
    const act = await setState(s.url, 'f-1', 'Activated');
    expect(act.status).toBe(200);
    expect(act.body.operational_intent_reference).toMatchObject({ state: 'Activated', version: 2 });

    const back = await setState<ErrorReply>(s.url, 'f-1', 'Accepted');
    expect(back.status).toBe(409);
    expect(back.body.error.message).toContain('allowed: Nonconforming, Contingent, Ended');
    expect(back.body.error.issues?.[0].path).toEqual(['body', 'state']);

    expect((await setState(s.url, 'f-1', 'Nonconforming')).status).toBe(200);
    expect((await setState(s.url, 'f-1', 'Contingent')).status).toBe(200);
    expect((await setState(s.url, 'f-1', 'Activated')).status).toBe(409); // Contingent never returns
    const ended = await call<IntentReply>(s.url, 'DELETE', `${BASE}/f-1`);
    expect(ended.status).toBe(200);
    expect(ended.body.operational_intent_reference).toMatchObject({ state: 'Ended', version: 5 });
    const after = await setState<ErrorReply>(s.url, 'f-1', 'Activated');
    expect(after.body.error.message).toContain('allowed: none');
    expect((await call(s.url, 'DELETE', `${BASE}/nope`)).status).toBe(404);
    expect((await setState<ErrorReply>(s.url, 'f-1', 'Flying')).status).toBe(400);
  });

  it('an ended intent frees its airspace: the same flight is then accepted', async () => {
    const plan = routePlan('2027-03-18T10:00:00+08:00');
    expect((await put(s.url, 'g-1', { operator: 'Golf', plan })).status).toBe(201);
    expect((await put(s.url, 'h-1', { operator: 'Hotel', plan })).status).toBe(409);
    expect((await call(s.url, 'DELETE', `${BASE}/g-1`)).status).toBe(200);
    expect((await put(s.url, 'h-1', { operator: 'Hotel', plan })).status).toBe(201);
    expect((await put<ErrorReply>(s.url, 'g-1', { operator: 'Golf', plan })).body.error.message).toContain('has ended');
  });
});

describe('vertiport slots', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.close());
  const slot = <T = Record<string, unknown>>(vp: string, body: unknown) =>
    call<T>(s.url, 'POST', `/api/vertiports/${vp}/slots`, { json: body });

  it('allocates, refuses a clash with the next free slot, and frees the slot when the intent ends', async () => {
    for (const [id, start] of [
      ['i-1', T0],
      ['i-2', '2027-03-16T11:00:00+08:00'],
    ])
      expect((await put(s.url, id, { operator: id, plan: routePlan(start) })).status).toBe(201);
    // St John Hospital pad: capacity 1, 5-minute slots
    const at = '2027-03-16T02:12:30Z';
    const first = await slot('VP-CCH', { intentId: 'i-1', movement: 'arrival', at });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ startAt: '2027-03-16T02:10:00.000Z', endAt: '2027-03-16T02:15:00.000Z' });
    expect((await slot('VP-CCH', { intentId: 'i-1', movement: 'arrival', at })).status).toBe(200); // already held

    const clash = await slot<{ message: string; nextFreeStart: string; finding: { code: string } }>('VP-CCH', {
      intentId: 'i-2',
      movement: 'arrival',
      at,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.nextFreeStart).toBe('2027-03-16T02:15:00.000Z');
    expect(clash.body.finding.code).toBe('traffic.vertiport.slot-clash');
    expect(clash.body.message).toContain('2027-03-16T02:15:00.000Z');

    const closed = await slot<{ finding: { code: string } }>('VP-CCH', {
      intentId: 'i-2',
      movement: 'arrival',
      at: '2027-03-16T14:00:00Z', // 22:00 in Hong Kong: the pad closes at 20:00
    });
    expect(closed.body.finding.code).toBe('traffic.vertiport.closed');

    expect((await call(s.url, 'DELETE', `${BASE}/i-1`)).status).toBe(200);
    expect((await slot('VP-CCH', { intentId: 'i-2', movement: 'arrival', at })).status).toBe(201);
    const held = await call<{ intentId: string }[]>(s.url, 'GET', '/api/vertiports/VP-CCH/slots');
    expect(held.body.map((h) => h.intentId)).toEqual(['i-2']);
    expect((await slot('VP-NOWHERE', { intentId: 'i-2', movement: 'arrival', at })).status).toBe(404);
    expect((await slot('VP-CCH', { intentId: 'i-1', movement: 'arrival', at })).status).toBe(409); // ended
  });
});

describe('restart', () => {
  it('keeps intents and slots across two apps on one SQLite file, and deconflicts against them', async () => {
    const dir = tempDir();
    const first = await startServer({ dir });
    try {
      expect((await put(first.url, 'kilo-1', { operator: 'Kilo', plan: routePlan(), routeId: ROUTE })).status).toBe(
        201,
      );
      const r = await call(first.url, 'POST', '/api/vertiports/VP-CCH/slots', {
        json: { intentId: 'kilo-1', movement: 'arrival', at: '2027-03-16T02:12:00Z' },
      });
      expect(r.status).toBe(201);
    } finally {
      await first.close();
    }
    const second = await startServer({ dir });
    try {
      const got = await call<IntentReply>(second.url, 'GET', `${BASE}/kilo-1`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ routeId: ROUTE, operational_intent_reference: { operator: 'Kilo' } });
      const refused = await put<ConflictReply>(second.url, 'lima-1', { operator: 'Lima', plan: routePlan() });
      expect(refused.status).toBe(409);
      expect(refused.body.conflicts.map((c) => c.intentId)).toEqual(['kilo-1']);
      expect(
        (await put(second.url, 'lima-1', { operator: 'Lima', plan: routePlan(), delayS: refused.body.earliestShiftS }))
          .status,
      ).toBe(201);
      const clash = await call(second.url, 'POST', '/api/vertiports/VP-CCH/slots', {
        json: { intentId: 'lima-1', movement: 'arrival', at: '2027-03-16T02:12:00Z' },
      });
      expect(clash.status).toBe(409);
    } finally {
      await second.close();
    }
  });
});
