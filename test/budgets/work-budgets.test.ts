import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../rules/src/model/index.js';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { manyWaypointPlan } from './plans.js';

let capped: TestServer;
let roomy: TestServer;
beforeAll(async () => {
  [capped, roomy] = await Promise.all([
    startServer({ deps: { budgets: { findings: 50, checkWork: 20_000 } } }),
    startServer({ deps: { budgets: { findings: 50_000 } } }),
  ]);
});
afterAll(async () => {
  await Promise.all([capped.close(), roomy.close()]);
});

describe('findings per report', () => {
  // 300 height findings that need a permission (one per peak), then a prohibited one (a 12-year-old remote pilot)
  const plan = { ...manyWaypointPlan(600), pilot: { age: 12, registered: false, advancedRating: false } };

  it('past the budget the report keeps the most severe findings and says how many there were', async () => {
    const full = await call<Report>(roomy.url, 'POST', '/api/check', { json: plan });
    const cut = await call<Report>(capped.url, 'POST', '/api/check', { json: { plan } });
    expect(full.status).toBe(200);
    expect(cut.status).toBe(200);
    expect(full.body.findings.length).toBeGreaterThan(50);
    expect(full.body.truncated).toBeUndefined();
    expect(cut.body.truncated).toEqual({ total: full.body.findings.length, kept: 50 });
    expect(cut.body.findings).toHaveLength(50);
    // the verdict and the permissions needed are judged on every finding, not on the kept ones
    expect(cut.body.verdict).toBe(full.body.verdict);
    expect(cut.body.permissionsRequired).toEqual(full.body.permissionsRequired);
    // kept findings appear in their original order, prohibited ones first in priority
    const keys = full.body.findings.map((f) => JSON.stringify(f));
    const positions = cut.body.findings.map((f) => keys.indexOf(JSON.stringify(f)));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
    const prohibited = full.body.findings.filter((f) => f.effect === 'prohibited' && !f.covered).length;
    const keptProhibited = cut.body.findings.filter((f) => f.effect === 'prohibited' && !f.covered).length;
    expect(prohibited).toBeGreaterThan(0);
    expect(keptProhibited).toBe(prohibited);
    expect(cut.body.verdict).toBe('non-compliant');
  });

  it('a report under the budget carries no marker', async () => {
    const r = await call<Report>(capped.url, 'POST', '/api/check', { json: basePlan() });
    expect(r.status).toBe(200);
    expect(r.body.truncated).toBeUndefined();
  });
});

describe('legs × zones per check', () => {
  it('is 422 naming the budget when the route is long for the airspace', async () => {
    const r = await call<ErrorReply>(capped.url, 'POST', '/api/check', { json: manyWaypointPlan(2_000) });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.message).toMatch(
      /^1999 legs × \d+ zones is \d+; the limit is 20000 \(legs × zones per check\)$/,
    );
    expect(issuePaths(r.body)).toEqual(['body']);
  });

  it('a stored plan checked again answers the same way (the budget applies to every check path)', async () => {
    const created = await call<{ id: string }>(roomy.url, 'POST', '/api/plans', { json: manyWaypointPlan(2_000) });
    expect(created.status).toBe(201);
    const stored = await call<{ plan: unknown }>(roomy.url, 'GET', `/api/plans/${created.body.id}`);
    const onCapped = await call<{ id: string }>(capped.url, 'POST', '/api/plans', { json: stored.body.plan });
    expect(onCapped.status).toBe(201);
    const r = await call<ErrorReply>(capped.url, 'POST', `/api/plans/${onCapped.body.id}/check`);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/legs × zones per check/);
  });
});
