import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from './helpers.js';
import { prng } from './plans.js';

let s: TestServer;
let ops: { method: string; path: string; multipart: boolean }[];
beforeAll(async () => {
  s = await startServer();
  const doc = await call<{
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
  }>(s.url, 'GET', '/api/openapi.json');
  ops = Object.entries(doc.body.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p.replace(/\{[^}]+\}/g, 'x'),
      multipart: Boolean(op.requestBody?.content['multipart/form-data']),
    })),
  );
});
afterAll(() => s.close());

/** Bodies no route accepts: wrong types, nesting, huge numbers, prototype keys. */
function garbage(rand: () => number): unknown[] {
  const word = () => Math.floor(rand() * 1e9).toString(36);
  return [
    {},
    [],
    [1, 'a', null],
    { plan: null },
    { plan: { route: { coordinates: [[1e308, -1e308, 'x']] } } },
    { __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } },
    { id: word(), draft: { changes: [{ op: 'set-parameter', rule: word(), path: '__proto__.x', value: 1 }] } },
    { corpus: { plans: [null, 1, 'x'] }, draft: word() },
    {
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0]]] }, properties: {} }],
      type: 'FeatureCollection',
    },
    { UASZoneList: [{ geometry: 'x' }] },
    JSON.parse(`{"a":${'['.repeat(500)}${']'.repeat(500)}}`),
  ];
}

describe('robustness: nothing a client sends gives a 500', () => {
  it('answers garbage JSON bodies on every operation with a 4xx', async () => {
    const rand = prng(99);
    const failures: string[] = [];
    for (const op of ops) {
      if (op.path === '/api/telemetry') continue; // realtime is off in this server (503 by design)
      for (const body of garbage(rand)) {
        const r = await call(
          s.url,
          op.method,
          op.path,
          op.method === 'GET' || op.method === 'DELETE' ? {} : { json: body },
        );
        if (r.status >= 500)
          failures.push(
            `${op.method} ${op.path} ${JSON.stringify(body).slice(0, 80)} → ${r.status} ${r.text.slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers random bytes uploaded to every multipart operation with a 4xx', async () => {
    const rand = prng(7);
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.multipart)) {
      for (const name of ['x.plan', 'x.kml', 'x.kmz', 'x.gpx', 'x.geojson', 'x.json']) {
        const bytes = new Uint8Array(2048).map(() => Math.floor(rand() * 256));
        const form = new FormData();
        form.set('template', '{}');
        form.set('file', new Blob([bytes]), name);
        const r = await call(s.url, op.method, op.path, { raw: form });
        if (r.status >= 500) failures.push(`${op.method} ${op.path} ${name} → ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers odd query strings and paths with a 4xx', async () => {
    for (const path of [
      '/api/plans?limit=1&limit=2',
      '/api/zones?bbox=a&bbox=b',
      '/api/zones?at=99999999999999999999',
      '/api/jobs/%E0%A4%A',
      '/api/diff?a[]=1&b=2',
      `/api/plans/${'x'.repeat(300)}`,
    ]) {
      const r = await call(s.url, 'GET', path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
  });
});
