import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { Store } from '../../server/src/store/types.js';
import { call, type ErrorReply, startServer, type TestServer, tempDir } from './helpers.js';
import { basePlan } from './plans.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ deps: { limits: { jsonBytes: 64 * 1024, fileBytes: 32 * 1024 } } });
});
afterAll(() => s.close());

describe('meta routes', () => {
  it('GET /api/health reports the loaded data', async () => {
    const r = await call<{ status: string; rulebooks: string[]; airspace: { zones: number } }>(
      s.url,
      'GET',
      '/api/health',
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.rulebooks.length).toBeGreaterThan(0);
    expect(r.body.airspace.zones).toBeGreaterThan(0);
  });

  it('serves an OpenAPI 3.1 document covering every route of the brief', async () => {
    const r = await call<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(s.url, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const ops = Object.entries(r.body.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    for (const op of [
      'GET /api/health',
      'POST /api/check',
      'GET /api/plans',
      'POST /api/plans',
      'GET /api/plans/{id}',
      'PUT /api/plans/{id}',
      'DELETE /api/plans/{id}',
      'POST /api/plans/{id}/check',
      'GET /api/plans/{id}/reports',
      'GET /api/rulebooks',
      'GET /api/rulebooks/{id}',
      'GET /api/drafts',
      'POST /api/drafts',
      'GET /api/drafts/{id}',
      'PUT /api/drafts/{id}',
      'DELETE /api/drafts/{id}',
      'POST /api/drafts/validate',
      'GET /api/diff',
      'POST /api/impact',
      'GET /api/jobs/{id}',
      'GET /api/zones',
      'POST /api/zones/import',
      'GET /api/zones/export',
      'GET /api/permissions',
      'POST /api/permissions',
      'GET /api/permissions/{id}',
      'PUT /api/permissions/{id}',
      'GET /api/scenarios',
      'GET /api/scenarios/{id}',
      'POST /api/telemetry',
      'GET /api/openapi.json',
      'GET /api/docs',
    ])
      expect(ops).toContain(op);
    expect(Object.keys(r.body.components.schemas)).toEqual(
      expect.arrayContaining(['FlightPlan', 'Report', 'Draft', 'ErrorBody']),
    );
  });

  it('serves a self-contained docs page', async () => {
    const r = await call(s.url, 'GET', '/api/docs');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('/api/plans/{id}/check');
    expect(r.text).not.toMatch(/<script|https?:\/\/cdn/i);
  });
});

describe('errors', () => {
  it('answers an unknown API route with 404 and a problem body', async () => {
    const r = await call<ErrorReply>(s.url, 'GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      raw: '{"aircraft": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/malformed JSON body: /);
    expect(r.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers JSON that is not an object (null, a number) with 400 saying so, not "malformed"', async () => {
    for (const [raw, what] of [
      ['null', 'null'],
      ['42', 'number'],
    ] as const) {
      const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe(`the JSON body must be an object, not ${what}`);
    }
  });

  it('answers an unsupported media type with 415', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: 'aircraft: x',
      headers: { 'content-type': 'text/yaml' },
    });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
    expect(r.body.error.message).toMatch(/application\/json or multipart\/form-data/);
  });

  it('answers an oversized JSON body with 413', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      json: { ...basePlan(), description: 'x'.repeat(100_000) },
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('answers an oversized upload with 413', async () => {
    const form = new FormData();
    form.set('template', JSON.stringify(basePlan()));
    form.set('file', new Blob(['x'.repeat(40 * 1024)]), 'big.gpx');
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: form });
    expect(r.status).toBe(413);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await call(s.url, 'GET', '/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await call(s.url, 'GET', '/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns an injected service failure into a generic 500 without leaking the message', async () => {
    const dir = tempDir();
    const real = await openSqliteStore({ file: path.join(dir, 'db.sqlite') });
    const broken: Store = {
      ...real,
      plans: {
        ...real.plans,
        list: async () => {
          throw new Error('SECRET: disk /var/lib/x is on fire');
        },
      },
    };
    const b = await startServer({ dir, store: broken });
    try {
      const r = await call<ErrorReply>(b.url, 'GET', '/api/plans');
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(r.text).not.toContain('SECRET');
      expect((await call(b.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
