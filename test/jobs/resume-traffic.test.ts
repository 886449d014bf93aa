import { describe, expect, it } from 'vitest';
import type { DraftInput } from '../../rules/src/model/index.js';
import { call, startServer } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { backendReady, storeBackends } from '../store/backends.js';
import { createTrafficCorpus, HALVE_BUFFERS } from '../traffic/traffic-corpus.js';
import { waitFor } from './main-process.js';

interface Job {
  status: string;
  resumes: number;
  summary: { traffic?: { before: { conflicts: number }; after: { conflicts: number } } } | null;
}

/** generated plans, then the six deliveries: the traffic figures need the whole corpus, not the rest after a checkpoint */
const plans = [...generatePlans(600, 5, { maxRouteM: 2000 }), ...createTrafficCorpus().map((p) => p.plan)];
const draft: DraftInput = {
  id: 'halve-buffer',
  title: 'Halve the route buffer',
  base: 'cap448g-2025',
  changes: HALVE_BUFFERS,
};

describe.each(await storeBackends())('a traffic draft job resumed after a stop ($name)', (backend) => {
  if (!backendReady(backend)) return;
  it('stores the same traffic figures as an uninterrupted run', async () => {
    const database = await backend.newDatabase();
    const first = await startServer({ store: await database.open() });
    expect((await call(first.url, 'POST', '/api/drafts', { json: draft })).status).toBe(201);
    const started = await call<{ jobId: string }>(first.url, 'POST', '/api/impact', {
      json: { draft: draft.id, corpus: { plans } },
    });
    expect(started.status).toBe(202);
    await first.close();
    const s = await startServer({ store: await database.open() });
    try {
      const finished = (id: string) =>
        waitFor(
          () => call<Job>(s.url, 'GET', `/api/jobs/${id}?results=none`).then((r) => r.body),
          (j) => j.status === 'done' || j.status === 'failed',
          `job ${id}`,
        );
      const job = await finished(started.body.jobId);
      expect(job).toMatchObject({ status: 'done', resumes: 1 });
      const ref = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
        json: { draft: draft.id, corpus: { plans } },
      });
      const refJob = await finished(ref.body.jobId);
      expect(refJob.resumes).toBe(0);
      expect(job.summary?.traffic).toEqual(refJob.summary?.traffic);
      expect(job.summary?.traffic?.before.conflicts).toBeGreaterThanOrEqual(5);
      expect(job.summary?.traffic?.after.conflicts).toBeLessThan(job.summary?.traffic?.before.conflicts ?? 0);
    } finally {
      await s.close();
    }
  }, 300_000);
});
