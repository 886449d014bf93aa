import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from './helpers.js';
import { basePlan } from './plans.js';

interface StoredPlan {
  id: string;
  name: string | null;
  revision: number;
  plan: { id: string; name?: string; route: { coordinates: number[][] } };
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('plans CRUD', () => {
  it('creates a plan with its own id, lists and gets it', async () => {
    const c = await call<StoredPlan>(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'crud-1' }) });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ id: 'crud-1', name: 'Tai Lam test flight', revision: 1 });
    const list = await call<{ total: number; items: { id: string }[] }>(s.url, 'GET', '/api/plans');
    expect(list.body.items.map((p) => p.id)).toContain('crud-1');
    const g = await call<StoredPlan>(s.url, 'GET', '/api/plans/crud-1');
    expect(g.body.plan.route.coordinates).toHaveLength(4);
  });

  it('makes an id when the plan has none', async () => {
    const c = await call<StoredPlan>(s.url, 'POST', '/api/plans', { json: basePlan() });
    expect(c.status).toBe(201);
    expect(c.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.body.plan.id).toBe(c.body.id);
  });

  it('refuses a duplicate id with 409', async () => {
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'dup-1' }) });
    const again = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'dup-1' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/dup-1/);
  });

  it('rejects an invalid plan with 400 naming every bad field', async () => {
    const bad = basePlan();
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      json: {
        ...bad,
        pilot: { ...bad.pilot, age: -3 },
        route: {
          ...bad.route,
          coordinates: [
            [114, 22, 10],
            [22.4, 114.07, 10],
          ],
          legSpeeds: [{ value: 10, unit: 'km/h' }],
        },
      },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(expect.arrayContaining(['body.pilot.age', 'body.route.coordinates.1']));
  });

  it('updates with PUT (revision +1) and refuses a mismatched id', async () => {
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'upd-1' }) });
    const u = await call<StoredPlan>(s.url, 'PUT', '/api/plans/upd-1', { json: basePlan({ name: 'renamed' }) });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ name: 'renamed', revision: 2 });
    const mismatch = await call<ErrorReply>(s.url, 'PUT', '/api/plans/upd-1', { json: basePlan({ id: 'other' }) });
    expect(mismatch.status).toBe(400);
    expect(issuePaths(mismatch.body)).toEqual(['body.id']);
    expect((await call(s.url, 'PUT', '/api/plans/missing', { json: basePlan() })).status).toBe(404);
  });

  it('deletes (204), then 404', async () => {
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'del-1' }) });
    expect((await call(s.url, 'DELETE', '/api/plans/del-1')).status).toBe(204);
    expect((await call(s.url, 'GET', '/api/plans/del-1')).status).toBe(404);
    expect((await call(s.url, 'DELETE', '/api/plans/del-1')).status).toBe(404);
  });

  it('validates paging parameters', async () => {
    const r = await call<ErrorReply>(s.url, 'GET', '/api/plans?limit=0&offset=-1');
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['query.limit', 'query.offset']);
    const page = await call<{ items: unknown[] }>(s.url, 'GET', '/api/plans?limit=1');
    expect(page.body.items).toHaveLength(1);
  });
});

describe('re-check and report history', () => {
  it('keeps every check of a stored plan, with rulebook id and version', async () => {
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'hist-1' }) });
    const first = await call<{ verdict: string; rulebook: { id: string; version: string } }>(
      s.url,
      'POST',
      '/api/plans/hist-1/check',
    );
    expect(first.status).toBe(200);
    const reportId = first.headers.get('x-report-id');
    expect(reportId).toBeTruthy();
    const rulebooks = await call<{ id: string }[]>(s.url, 'GET', '/api/rulebooks');
    const older = rulebooks.body[0].id;
    const second = await call<{ rulebook: { id: string } }>(s.url, 'POST', '/api/plans/hist-1/check', {
      json: { rulebook: older },
    });
    expect(second.body.rulebook.id).toBe(older);
    const hist = await call<{ id: string; rulebookId: string; rulebookVersion: string; verdict: string }[]>(
      s.url,
      'GET',
      '/api/plans/hist-1/reports',
    );
    expect(hist.body).toHaveLength(2);
    expect(hist.body[0]).toMatchObject({
      id: reportId,
      rulebookId: first.body.rulebook.id,
      rulebookVersion: first.body.rulebook.version,
    });
    expect(hist.body[1].rulebookId).toBe(older);
  });

  it('answers 404 for the history or check of an unknown plan, 400 for an unknown rulebook', async () => {
    expect((await call(s.url, 'GET', '/api/plans/none/reports')).status).toBe(404);
    expect((await call(s.url, 'POST', '/api/plans/none/check')).status).toBe(404);
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'hist-2' }) });
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans/hist-2/check', { json: { rulebook: 'no-such-book' } });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.rulebook']);
    const extra = await call<ErrorReply>(s.url, 'POST', '/api/plans/hist-2/check', { json: { bogus: 1 } });
    expect(extra.status).toBe(400);
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after', async () => {
    const who = { 'x-actor': 'regulator.chan' };
    await call(s.url, 'POST', '/api/plans', { json: basePlan({ id: 'aud-1' }), headers: who });
    await call(s.url, 'PUT', '/api/plans/aud-1', { json: basePlan({ name: 'second' }), headers: who });
    await call(s.url, 'DELETE', '/api/plans/aud-1');
    const log = await call<
      { actor: string; action: string; before: { name?: string } | null; after: { name?: string } | null }[]
    >(s.url, 'GET', '/api/audit?entityType=plan&entityId=aud-1');
    // the actor is the authenticated principal (the test's admin token); the X-Actor header names nobody
    const admin = log.body[0].actor;
    expect(admin).toMatch(/^user:/);
    expect(log.body.map((e) => [e.action, e.actor])).toEqual([
      ['delete', admin],
      ['update', admin],
      ['create', admin],
    ]);
    expect(log.body[1].before?.name).toBe('Tai Lam test flight');
    expect(log.body[1].after?.name).toBe('second');
    expect(log.body[0].after).toBeNull();
  });
});
