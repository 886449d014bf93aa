import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { BASE, CYB, circleArea, ROUTE, routePlan } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  // a lowered budget: 7 waypoints per plan (the route plan has 6 waypoints, 5 legs)
  s = await startServer({ deps: { budgets: { waypoints: 7 } } });
});
afterAll(() => s.close());

const put = (id: string, body: unknown) => call<ErrorReply>(s.url, 'PUT', `${BASE}/${id}`, { json: body });

describe('bad input is a 400 naming the field', () => {
  it('PUT: operator missing, both plan and planId, unknown fields', async () => {
    const r = await put('x', { plan: routePlan(), planId: 'p', colour: 'red' });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(expect.arrayContaining(['body.operator', 'body']));
    const neither = await put('x', { operator: 'X' });
    expect(issuePaths(neither.body)).toEqual(['body.planId']);
  });

  it('PUT: a broken plan, an unknown route, an unknown priority class, a bad id', async () => {
    const plan = routePlan();
    const broken = await put('x', { operator: 'X', plan: { ...plan, start: 'tomorrow' } });
    expect(issuePaths(broken.body)).toEqual(['body.plan.start']);
    const route = await put('x', { operator: 'X', plan, routeId: 'R-NOWHERE' });
    expect(route.status).toBe(400);
    expect(route.body.error.issues).toEqual([{ path: ['body', 'routeId'], message: 'unknown air route "R-NOWHERE"' }]);
    const cls = await put('x', { operator: 'X', plan, priorityClass: 'vip' });
    expect(issuePaths(cls.body)).toEqual(['body.priorityClass']);
    expect(cls.body.error.issues?.[0].message).toContain('known: emergency, medical-delivery, standard');
    expect(issuePaths((await put('a b', { operator: 'X', plan })).body)).toEqual(['params.entityid']);
    const past = await put('x', { operator: 'X', plan: routePlan('2020-03-16T10:00:00+08:00') });
    expect(past.status).toBe(400);
    expect(past.body.error.issues).toEqual([
      { path: ['body', 'plan', 'start'], message: 'the intent would end before now' },
    ]);
  });

  it('query: a malformed area of interest names its fields', async () => {
    const aoi = circleArea(CYB[0], CYB[1], 100, '2027-03-16T03:00:00Z', '2027-03-16T02:00:00Z');
    const r = await call<ErrorReply>(s.url, 'POST', `${BASE}/query`, { json: { area_of_interest: aoi } });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      { path: ['body', 'area_of_interest', 'time_end'], message: 'time_end must be after time_start' },
    ]);
    const missing = await call<ErrorReply>(s.url, 'POST', `${BASE}/query`, { json: {} });
    expect(issuePaths(missing.body)).toEqual(['body.area_of_interest']);
  });

  it('slots: bad movement and time', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/vertiports/VP-CCH/slots', {
      json: { intentId: 'x', movement: 'hover', at: 'noon' },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body).sort()).toEqual(['body.at', 'body.movement']);
  });
});

describe('budgets: 422 naming the limit', () => {
  it('refuses a plan over the waypoint budget before parsing it', async () => {
    const plan = routePlan();
    const coordinates = Array.from({ length: 8 }, () => plan.route.coordinates[1]);
    const r = await put('x', { operator: 'X', plan: { ...plan, route: { ...plan.route, coordinates } } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.message).toBe('plan has 8 waypoints; the limit is 7 (waypoints per plan)');
    expect(issuePaths(r.body)).toEqual(['body.plan.route.coordinates']);
  });

  it('refuses an intent with more volumes than allowed', async () => {
    const small = await startServer({ deps: { traffic: { maxVolumesPerIntent: 3 } } });
    try {
      const json = { operator: 'X', plan: routePlan(), routeId: ROUTE };
      const r = await call<ErrorReply>(small.url, 'PUT', `${BASE}/x`, { json });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toBe('intent has 5 volumes; the limit is 3 (volumes per operational intent)');
      expect(issuePaths(r.body)).toEqual(['body.plan.route.coordinates']);
      expect((await call(small.url, 'GET', `${BASE}/x`)).status).toBe(404);
    } finally {
      await small.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the intent and slot endpoints with F3548 / InterUSS schema names', async () => {
    const r = await call<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(s.url, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    const paths = r.body.paths;
    expect(Object.keys(paths[`${BASE}/{entityid}`] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect(paths[`${BASE}/query`]).toHaveProperty('post');
    expect(paths[`${BASE}/{entityid}/state`]).toHaveProperty('post');
    expect(Object.keys(paths['/api/vertiports/{id}/slots'] ?? {}).sort()).toEqual(['get', 'post']);
    for (const name of [
      'Volume4D',
      'OperationalIntentReference',
      'QueryOperationalIntentReferenceParameters',
      'AirspaceConflictResponse',
      'PutOperationalIntentReferenceParameters',
    ])
      expect(r.body.components.schemas).toHaveProperty(name);
  });
});
