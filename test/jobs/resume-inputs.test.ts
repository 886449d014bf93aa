import { describe, expect, it } from 'vitest';
import type { Draft } from '../../rules/src/model/index.js';
import type { Store } from '../../server/src/store/types.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { backendReady, storeBackends, type TestDatabase } from '../store/backends.js';
import { waitFor } from './main-process.js';

interface Job {
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
  summary: Record<string, unknown> | null;
}

const PLANS = 600;
const plans = generatePlans(PLANS, 3, { maxRouteM: 2000 });

async function withStore<T>(database: TestDatabase, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await database.open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A stored draft, a job over the generated plans, and a stop (app.close) right after it started. */
async function jobStoppedMidway(database: TestDatabase) {
  const s = await startServer({ store: await database.open() });
  const rb = await call<{ id: string; rules: { id: string }[] }>(s.url, 'GET', '/api/rulebooks/cap448g-2025');
  const draft: Draft = {
    id: 'lower-limit',
    title: 'Withdraw a rule',
    base: rb.body.id,
    changes: [{ op: 'withdraw-rule', rule: rb.body.rules[0].id }],
  } as Draft;
  expect((await call(s.url, 'POST', '/api/drafts', { json: draft })).status).toBe(201);
  const started = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
    json: { draft: draft.id, corpus: { plans } },
  });
  expect(started.status).toBe(202);
  await s.close();
  const job = await withStore(database, async (store) => store.jobs.get(started.body.jobId));
  expect(job?.status, 'the job should still be unfinished after the stop').toMatch(/^(queued|running)$/);
  return { jobId: started.body.jobId, draft };
}

const finished = (s: TestServer, id: string) =>
  waitFor(
    () => call<Job>(s.url, 'GET', `/api/jobs/${id}?results=none`).then((r) => r.body),
    (j) => j.status === 'done' || j.status === 'failed',
    `job ${id}`,
  );

describe.each(await storeBackends())('resuming impact jobs after a stop ($name)', (backend) => {
  if (!backendReady(backend)) return;
  /** a server on the database, as the next start of the process would open it */
  const restart = async (database: TestDatabase) => startServer({ store: await database.open() });

  it('a job stopped with the server resumes at the next start and stores the uninterrupted result', async () => {
    const database = await backend.newDatabase();
    const { jobId, draft } = await jobStoppedMidway(database);
    const s = await restart(database);
    try {
      const job = await finished(s, jobId);
      expect(job).toMatchObject({ status: 'done', processed: PLANS, resumes: 1 });
      expect(job.summary?.durationMs).toEqual(expect.any(Number));
      const ref = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
        json: { draft: draft.id, corpus: { plans } },
      });
      const refJob = await finished(s, ref.body.jobId);
      expect(refJob.resumes).toBe(0);
      const { durationMs: _a, ...got } = job.summary ?? {};
      const { durationMs: _b, ...want } = refJob.summary ?? {};
      expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      const rows = async (id: string) => (await s.store.jobs.results(id)).map(({ seq, ...r }) => ({ seq, ...r }));
      expect(await rows(jobId)).toEqual(await rows(ref.body.jobId));
    } finally {
      await s.close();
    }
  }, 120_000);

  it('fails the job, naming why, when its draft was deleted meanwhile', async () => {
    const database = await backend.newDatabase();
    const { jobId, draft } = await jobStoppedMidway(database);
    await withStore(database, (store) => store.drafts.delete(draft.id));
    const s = await restart(database);
    try {
      const job = await finished(s, jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toBe(
        `cannot resume after the restart: the draft "${draft.id}" was deleted after the job started; start the job again`,
      );
    } finally {
      await s.close();
    }
  }, 120_000);

  it('fails the job when its draft was edited meanwhile', async () => {
    const database = await backend.newDatabase();
    const { jobId, draft } = await jobStoppedMidway(database);
    await withStore(database, (store) => store.drafts.update(draft.id, { ...draft, title: 'Edited' }));
    const s = await restart(database);
    try {
      const job = await finished(s, jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/the draft "lower-limit" changed after the job started \(revision 1 → 2\)/);
    } finally {
      await s.close();
    }
  }, 120_000);

  it('fails the job when the zone layers changed meanwhile (the result would not be the one asked for)', async () => {
    const database = await backend.newDatabase();
    const { jobId } = await jobStoppedMidway(database);
    await withStore(database, async (store) => {
      const zones = (await store.zoneLayers.list()).flatMap((l) => l.zones);
      await store.zoneLayers.create({ id: 'late-layer', name: 'late', format: 'geojson', zones, warnings: [] });
    });
    const s = await restart(database);
    try {
      const job = await finished(s, jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/the zone layers changed after the job started/);
    } finally {
      await s.close();
    }
  }, 120_000);
});
