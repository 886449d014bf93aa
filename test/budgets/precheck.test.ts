import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { manyWaypointPlan } from './plans.js';

/**
 * The waypoint budget is checked on the raw JSON before the FlightPlan schema runs: a body past it gets
 * the budget's 422 without its 40,000 points being validated. The proof without timing: points that are
 * not coordinates at all would be a 400 from the schema; refused first, they are the 422.
 */

const MESSAGE = 'plan has 40000 waypoints; the limit is 10000 (waypoints per plan)';
const BUDGET_ERROR = {
  code: 'budget_exceeded',
  message: MESSAGE,
  issues: [{ path: ['body', 'route', 'coordinates'], message: MESSAGE }],
};

/** 40,000 "waypoints" the schema would reject one by one (and a route missing everything else). */
const junkRoute = (n: number) => ({ ...basePlan(), route: { type: 'LineString', coordinates: Array(n).fill('x') } });

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const storedPlans = async () => (await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total;

describe('waypoint budget before the schema', () => {
  it('POST /api/plans: 40,000 junk points are the 422 naming the budget and body.route.coordinates, not a 400', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: junkRoute(40_000) });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual(BUDGET_ERROR);
    expect(await storedPlans()).toBe(0);
  });

  it('a valid 40,000-waypoint plan gets the same answer', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: manyWaypointPlan(40_000) });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual(BUDGET_ERROR);
  });

  it('PUT /api/plans/:id: refused the same way, the stored plan unchanged', async () => {
    const created = await call<{ id: string; revision: number }>(s.url, 'POST', '/api/plans', { json: basePlan() });
    expect(created.status).toBe(201);
    const r = await call<ErrorReply>(s.url, 'PUT', `/api/plans/${created.body.id}`, { json: junkRoute(40_000) });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual(BUDGET_ERROR);
    const after = await call<{ revision: number }>(s.url, 'GET', `/api/plans/${created.body.id}`);
    expect(after.body.revision).toBe(created.body.revision);
    await call(s.url, 'DELETE', `/api/plans/${created.body.id}`);
  });

  it('within the budget the schema still answers: junk points are a 400 naming the first bad one', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: junkRoute(10) });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toContain('body.route.coordinates.0');
  });

  it('bodies without a route array pass to the schema untouched', async () => {
    for (const body of [{ ...basePlan(), route: 'nowhere' }, { ...basePlan(), route: { coordinates: 5 } }, [1, 2]]) {
      const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect(await storedPlans()).toBe(0);
  });

  it('POST /api/check (bare and envelope) refuses junk points with the 422 and the issue path', async () => {
    const bare = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: junkRoute(40_000) });
    expect(bare.status).toBe(422);
    expect(bare.body.error).toEqual(BUDGET_ERROR);
    const envelope = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: { plan: junkRoute(40_000) } });
    expect(envelope.status).toBe(422);
    expect(issuePaths(envelope.body)).toEqual(['body.plan.route.coordinates']);
  });
});
