import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, startServer, type TestServer } from '../server/helpers.js';
import { tfrLayer } from '../server/plans.js';
import { seedPrincipal } from '../server/principals.js';

interface Job {
  kind: string;
  status: string;
  error: string | null;
  request: Record<string, unknown>;
  summary: (Record<string, unknown> & { durationMs?: number }) | null;
}
interface Layer {
  id: string;
  zoneCount: number;
}

/** Imports larger than this many bytes become jobs on this server (BUDGET_ASYNC_IMPORT_BYTES). */
const THRESHOLD = 2_000;
let s: TestServer;

async function finished(jobId: string): Promise<Job> {
  for (let i = 0; i < 2_000; i++) {
    const job = (await call<Job>(s.url, 'GET', `/api/jobs/${jobId}`)).body;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not end`);
}

const layers = async () => (await call<Layer[]>(s.url, 'GET', '/api/zones/layers')).body.map((l) => l.id).sort();

/** A TFR layer of `n` circles, ids `<prefix>-<i>` (about 400 bytes each). */
function tfrs(prefix: string, n: number) {
  const one = tfrLayer(`${prefix}-0`);
  return {
    ...one,
    features: Array.from({ length: n }, (_, i) => ({ ...one.features[0], id: `${prefix}-${i}` })),
  };
}

beforeAll(async () => {
  s = await startServer({ deps: { budgets: { asyncImportBytes: THRESHOLD } } });
});
afterAll(() => s.close());

describe('large zone imports as jobs (in-process)', () => {
  it('async=1: 202 and a job whose result is the synchronous answer', async () => {
    const file = tfrs('async', 3);
    const started = await call<{ jobId: string }>(s.url, 'POST', '/api/zones/import?async=1&id=l-async&name=A', {
      json: file,
    });
    expect(started.status, started.text).toBe(202);
    const job = await finished(started.body.jobId);
    expect(job).toMatchObject({ kind: 'zone-import', status: 'done', error: null });
    expect(job.request).toMatchObject({ layer: 'l-async', name: 'A', format: 'auto' });
    expect(await layers()).toContain('l-async');
    // the same file imported synchronously, once the job's layer is gone, answers the same (its time aside)
    expect((await call(s.url, 'DELETE', '/api/zones/layers/l-async')).status).toBe(204);
    const sync = await call<Record<string, unknown>>(s.url, 'POST', '/api/zones/import?id=l-async&name=A', {
      json: file,
    });
    expect(sync.status, sync.text).toBe(201);
    const { durationMs: _ms, createdAt: _a, ...fromJob } = job.summary ?? {};
    const { createdAt: _b, ...fromSync } = sync.body;
    expect(fromJob).toEqual(fromSync);
    expect(fromJob.zoneIds).toEqual(['async-0', 'async-1', 'async-2']);
  });

  it('a file over the threshold becomes a job unasked; a small one answers at once', async () => {
    const big = tfrs('big', 10);
    expect(JSON.stringify(big).length).toBeGreaterThan(THRESHOLD);
    const r = await call<{ jobId: string }>(s.url, 'POST', '/api/zones/import?id=l-big', { json: big });
    expect(r.status, r.text).toBe(202);
    expect((await finished(r.body.jobId)).summary).toMatchObject({ id: 'l-big', zoneCount: 10 });
    const small = await call(s.url, 'POST', '/api/zones/import?id=l-small', { json: tfrs('small', 1) });
    expect(small.status, small.text).toBe(201);
  });

  it('a file the synchronous import refuses fails the job with the same reason, storing no layer', async () => {
    const before = await layers();
    const bad = tfrs('bad', 10);
    bad.features[3] = { ...bad.features[3], properties: { ...bad.features[3].properties, radiusM: -5 } };
    const sync = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?id=l-bad', {
      json: { ...bad, features: bad.features.slice(0, 4) },
    });
    expect(sync.status).toBe(400);
    const r = await call<{ jobId: string }>(s.url, 'POST', '/api/zones/import?id=l-bad', { json: bad });
    expect(r.status).toBe(202);
    const job = await finished(r.body.jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toBe(sync.body.error.message);
    expect(await layers()).toEqual(before);
  });

  it('409 at once for a layer id already taken; 403 for an applicant; no job stored', async () => {
    await call(s.url, 'POST', '/api/zones/import?id=l-taken', { json: tfrs('taken', 1) });
    const taken = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?async=1&id=l-taken', {
      json: tfrs('taken2', 1),
    });
    expect(taken.status).toBe(409);
    const { headers } = await seedPrincipal(s.store, 'applicant');
    const refused = await call(s.url, 'POST', '/api/zones/import?async=1&id=l-refused', {
      json: tfrs('refused', 1),
      headers,
    });
    expect(refused.status).toBe(403);
    expect(await s.store.jobs.unfinished('zone-import')).toEqual([]);
  });
});
