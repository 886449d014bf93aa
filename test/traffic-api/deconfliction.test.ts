import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { type SeededPrincipal, seedOrganisation, seedPrincipal } from '../server/principals.js';
import { BASE, CCH, type ConflictReply, circleArea, type IntentReply, ROUTE, routePlan, T0 } from './helpers.js';

let s: TestServer;
/** another operator (USS): an applicant of its own organisation, with an API token */
let otherUss: SeededPrincipal;
beforeAll(async () => {
  s = await startServer();
  const org = await seedOrganisation(s.store, 'Other USS', 'operator');
  otherUss = await seedPrincipal(s.store, 'applicant', { orgId: org.id });
});
afterAll(() => s.close());

/** as the test's default principal (its admin), or as the given one */
const put = <T = IntentReply>(id: string, body: unknown, headers?: Record<string, string>) =>
  call<T>(s.url, 'PUT', `${BASE}/${id}`, { json: body, headers });

describe('two delivery operators on the Cyberport → Cheung Chau route (issue 16 acceptance)', () => {
  it('accepts the first, refuses the overlapping second with the conflict and a shift, accepts it shifted', async () => {
    const a = await put('alpha-1', { operator: 'Alpha Deliveries', plan: routePlan(T0), routeId: ROUTE });
    expect(a.status).toBe(201);
    expect(a.body.operational_intent_reference).toMatchObject({ id: 'alpha-1', state: 'Accepted', version: 1 });
    expect(a.body.operational_intent.details.volumes).toHaveLength(5);
    expect(a.body.findings).toEqual([]); // on the centreline, forward layer, in hours

    const late = routePlan('2027-03-16T10:03:00+08:00');
    const b = await put<ConflictReply>('bravo-1', { operator: 'Bravo Logistics', plan: late, routeId: ROUTE });
    expect(b.status).toBe(409);
    expect(b.body.message).toContain('Alpha Deliveries');
    expect(b.body.conflicts).toHaveLength(1);
    expect(b.body.conflicts[0]).toMatchObject({ intentId: 'alpha-1', operator: 'Alpha Deliveries', blocking: true });
    expect(b.body.conflicts[0].intersecting_volumes.length).toBeGreaterThan(0);
    expect(b.body.findings[0]).toMatchObject({ code: 'traffic.deconfliction.conflict', trialParameter: true });
    const shift = b.body.earliestShiftS;
    expect(shift).toBeGreaterThan(0);
    expect((await call(s.url, 'GET', `${BASE}/bravo-1`)).status).toBe(404); // refused: nothing stored

    // the shift is the earliest: one second less still conflicts
    const early = await put('bravo-1', {
      operator: 'Bravo Logistics',
      plan: late,
      routeId: ROUTE,
      delayS: (shift ?? 0) - 1,
    });
    expect(early.status).toBe(409);
    const ok = await put('bravo-1', { operator: 'Bravo Logistics', plan: late, routeId: ROUTE, delayS: shift });
    expect(ok.status).toBe(201);
    expect(ok.body.operational_intent_reference.operator).toBe('Bravo Logistics');
  });

  it('finds intents by area of interest (InterUSS query), in space and time', async () => {
    const q = (aoi: unknown) =>
      call<{ operational_intent_references: { id: string }[] }>(s.url, 'POST', `${BASE}/query`, {
        json: { area_of_interest: aoi },
      });
    const morning = ['2027-03-16T01:00:00Z', '2027-03-16T04:00:00Z'] as const;
    const atCheungChau = await q(circleArea(CCH[0], CCH[1], 200, ...morning));
    expect(atCheungChau.status).toBe(200);
    expect(atCheungChau.body.operational_intent_references.map((r) => r.id)).toEqual(['alpha-1', 'bravo-1']);
    expect((await q(circleArea(114.27, 22.38, 500, ...morning))).body.operational_intent_references).toEqual([]); // Sai Kung
    const evening = await q(circleArea(CCH[0], CCH[1], 200, '2027-03-16T10:00:00Z', '2027-03-16T11:00:00Z'));
    expect(evening.body.operational_intent_references).toEqual([]);
  });

  it('flags a plan off its route layer, without refusing it', async () => {
    const r = await put('charlie-1', {
      operator: 'Charlie Air',
      plan: routePlan('2027-03-16T15:00:00+08:00', 130),
      routeId: ROUTE,
    });
    expect(r.status).toBe(201);
    expect(r.body.findings?.map((f) => f.code)).toContain('traffic.route.wrong-direction-layer');
  });

  it('gives way to a higher priority: a medical delivery is accepted over a standard one, with a warning', async () => {
    const r = await put<IntentReply & { conflicts: { intentId: string; blocking: boolean }[] }>('medic-1', {
      operator: 'Medic Drones',
      plan: routePlan('2027-03-16T15:02:00+08:00', 130),
      routeId: ROUTE,
      priorityClass: 'medical-delivery',
    });
    expect(r.status).toBe(201);
    expect(r.body.conflicts).toEqual([expect.objectContaining({ intentId: 'charlie-1', blocking: false })]);
  });

  it('builds from a stored plan id', async () => {
    const plan = { ...routePlan('2027-03-17T09:00:00+08:00'), id: 'stored-delivery' };
    expect((await call(s.url, 'POST', '/api/plans', { json: plan })).status).toBe(201);
    const r = await put('delta-1', { operator: 'Delta', planId: 'stored-delivery' });
    expect(r.status).toBe(201);
    expect(r.body.planId).toBe('stored-delivery');
    expect((await put('delta-2', { operator: 'Delta', planId: 'no-such-plan' })).status).toBe(404);
  });

  it('replaces an intent under the same id as a new version, only for its manager', async () => {
    const body = { operator: 'Delta', plan: routePlan('2027-03-17T12:00:00+08:00') };
    expect((await put('echo-1', body)).status).toBe(201);
    const again = await put('echo-1', { ...body, delayS: 60 });
    expect(again.status).toBe(200); // no conflict with its own previous version
    expect(again.body.operational_intent_reference.version).toBe(2);
    const other = await put<{ error: { code: string; message: string } }>('echo-1', body, otherUss.headers);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/managed by "user:[^"]+"/);
  });

  it('decides concurrent submissions one at a time: of two identical flights sent together, one is refused', async () => {
    // straight to the service: both start before either has written, as two requests would on a busy server
    const plan = routePlan('2027-03-19T10:00:00+08:00');
    const who = { actor: 'uss-sandbox' };
    const outcomes = await Promise.all([
      s.app.services.intents.put('race-1', { operator: 'Race One', plan }, who),
      s.app.services.intents.put('race-2', { operator: 'Race Two', plan }, who),
    ]);
    expect(outcomes.map((o) => o.accepted)).toEqual([true, false]);
  });
});
