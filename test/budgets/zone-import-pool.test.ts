import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../rules/src/model/index.js';
import { createThreadPool, type WorkPool } from '../../server/src/workers/pool.js';
import { call, type ErrorReply, startServer, type TestServer } from '../server/helpers.js';
import { basePlan, tfrLayer } from '../server/plans.js';

/**
 * Zone files are read and validated in the worker pool (an 80,000-vertex polygon costs hundreds of
 * milliseconds of geometry checks): through real threads a good file becomes the same layer and a bad one the
 * same 400, naming the feature and field, as in-process.
 */

/** A ring of n vertices around the harbour: valid but over the 10,000-vertex limit when n is larger. */
function hugePolygonLayer(n: number) {
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    ring.push([114.17 + 0.02 * Math.cos(a), 22.29 + 0.02 * Math.sin(a)]);
  }
  ring.push(ring[0]);
  const layer = tfrLayer('tfr-400', 400);
  const feature = layer.features[0];
  return {
    type: 'FeatureCollection',
    features: [{ ...feature, id: 'huge', geometry: { type: 'Polygon', coordinates: [ring] } }],
  };
}

describe.each([
  ['worker threads', true],
  ['in-process', false],
])('zone import (%s)', (_name, threads) => {
  let pool: WorkPool | undefined;
  let s: TestServer;
  beforeAll(async () => {
    pool = threads ? createThreadPool({ threads: 1, budgets: { taskMs: 20_000, taskMemoryMb: 512 } }) : undefined;
    await pool?.ready();
    s = await startServer({ deps: pool ? { pool } : {} });
  });
  afterAll(async () => {
    await s.close();
    await pool?.close();
  });

  it('stores a good layer, and checks then see it', async () => {
    const imp = await call<{ id: string; zoneIds?: string[] }>(s.url, 'POST', '/api/zones/import?id=pool-tfr', {
      json: tfrLayer('tfr-400', 400),
    });
    expect(imp.status, imp.text).toBe(201);
    const r = await call<Report>(s.url, 'POST', '/api/check', { json: basePlan() });
    expect(r.status).toBe(200);
    expect(r.body.findings.some((f) => f.zoneId === 'tfr-400')).toBe(true);
  });

  it('refuses an 80,000-vertex polygon with 400 naming the feature and field, storing nothing', async () => {
    const before = await call<unknown[]>(s.url, 'GET', '/api/zones/layers');
    const r = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?id=pool-huge', {
      json: hugePolygonLayer(80_000),
    });
    expect(r.status, r.text).toBe(400);
    expect(r.body.error.issues?.[0].path.slice(0, 3)).toEqual(['body', 'features', 0]);
    expect(r.body.error.message).toMatch(/10,?000/);
    const after = await call<unknown[]>(s.url, 'GET', '/api/zones/layers');
    expect(after.body).toEqual(before.body);
  });

  it('refuses a 1e12 m radius naming the field', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?id=pool-big', {
      json: tfrLayer('tfr-big', 1e12),
    });
    expect(r.status, r.text).toBe(400);
    expect(r.body.error.issues?.[0].path.slice(0, 3)).toEqual(['body', 'features', 0]);
  });
});
