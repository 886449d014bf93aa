import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from './helpers.js';
import { basePlan } from './plans.js';

type Perm = Record<string, unknown> & { id: string; kind: string };
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

/** A sandbox project around the base plan's site, covering flights above the standard height. */
function project(id: string): Perm {
  return {
    id,
    kind: 'sandbox-project',
    title: { en: 'Test corridor', zh: '測試走廊' },
    area: {
      type: 'Polygon',
      coordinates: [
        [
          [114.06, 22.39],
          [114.08, 22.39],
          [114.08, 22.41],
          [114.06, 22.41],
          [114.06, 22.39],
        ],
      ],
    },
    altitudeBand: { lower: { value: 0, unit: 'm', ref: 'AGL' }, upper: { value: 300, unit: 'm', ref: 'AGL' } },
    validity: [{ from: '2026-01-01T00:00:00+08:00', to: '2026-12-31T23:59:59+08:00' }],
    aircraft: { maxMass: { value: 25, unit: 'kg' } },
    covers: ['height'],
    legalBasis: {
      instrument: 'Cap. 448G',
      section: null,
      document: 'CAD sandbox notice',
      url: 'https://www.cad.gov.hk/',
      secondary: true,
    },
    provenance: { accuracy: 'user', source: 'test' },
  };
}

describe('permissions and sandbox projects', () => {
  it('seeds the built-ins on first start and filters by kind', async () => {
    const all = await call<{ source: string; permission: Perm }[]>(s.url, 'GET', '/api/permissions');
    expect(all.body.length).toBeGreaterThan(0);
    expect(all.body.every((p) => p.source === 'builtin')).toBe(true);
    const projects = await call<{ permission: Perm }[]>(s.url, 'GET', '/api/permissions?kind=sandbox-project');
    expect(projects.body.every((p) => p.permission.kind === 'sandbox-project')).toBe(true);
    expect((await call(s.url, 'GET', '/api/permissions?kind=other')).status).toBe(400);
  });

  it('creates, gets and updates a project; duplicates are 409, unknown ids 404', async () => {
    const c = await call<{ source: string; revision: number }>(s.url, 'POST', '/api/permissions', {
      json: project('test-proj'),
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ source: 'user', revision: 1 });
    expect((await call(s.url, 'POST', '/api/permissions', { json: project('test-proj') })).status).toBe(409);
    const u = await call<{ revision: number; permission: { holder: string } }>(
      s.url,
      'PUT',
      '/api/permissions/test-proj',
      {
        json: { ...project('test-proj'), holder: 'Test Ltd' },
      },
    );
    expect(u.body).toMatchObject({ revision: 2, permission: { holder: 'Test Ltd' } });
    expect((await call(s.url, 'GET', '/api/permissions/none')).status).toBe(404);
    expect((await call(s.url, 'PUT', '/api/permissions/none', { json: project('none') })).status).toBe(404);
    const mismatch = await call<ErrorReply>(s.url, 'PUT', '/api/permissions/test-proj', { json: project('other') });
    expect(issuePaths(mismatch.body)).toEqual(['body.id']);
  });

  it('rejects an invalid permission naming the fields', async () => {
    const bad = { ...project('bad-proj'), covers: ['teleport'], altitudeBand: { lower: { value: 0, unit: 'm' } } };
    const r = await call<ErrorReply>(s.url, 'POST', '/api/permissions', { json: bad });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(
      expect.arrayContaining(['body.covers.0', 'body.altitudeBand.lower.ref', 'body.altitudeBand.upper']),
    );
  });

  it('a created project is used by checks at once', async () => {
    const high = basePlan();
    high.route = {
      ...high.route,
      coordinates: high.route.coordinates.map(([x, y, z]) => [x, y, z > 0 ? 200 : 0] as [number, number, number]),
    };
    await call(s.url, 'POST', '/api/permissions', { json: project('height-proj') });
    const declared = await call<{ findings: { covered?: { permissionId: string } }[] }>(s.url, 'POST', '/api/check', {
      json: { ...high, permissions: ['height-proj'] },
    });
    expect(declared.status).toBe(200);
    expect(declared.body.findings.some((f) => f.covered?.permissionId === 'height-proj')).toBe(true);
  });
});

describe('scenarios', () => {
  it('lists scenarios and gets one; unknown is 404', async () => {
    const list = await call<{ id: string; flights: number }[]>(s.url, 'GET', '/api/scenarios');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body[0].flights).toBeGreaterThan(0);
    expect((await call(s.url, 'GET', '/api/scenarios/no-such-scenario')).status).toBe(404);
    const one = await call<{ id: string; flights: unknown[] }>(s.url, 'GET', `/api/scenarios/${list.body[0].id}`);
    expect(one.body.id).toBe(list.body[0].id);
    expect(one.body.flights).toHaveLength(list.body[0].flights);
  });
});
