import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from './helpers.js';
import { generatePlans } from './plans.js';

interface Job {
  status: string;
  processed: number;
  total: number;
  results?: { seq: number; planKey: string }[];
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

/** The workbench shows changed plans while a long impact run goes on: a running job answers with those written so far. */
describe('impact job results while it runs', () => {
  it('GET /api/jobs/:id gives the results written so far, never more than processed, then all of them', async () => {
    const plans = generatePlans(2000, 3, { maxRouteM: 1500 });
    const start = await call<{ jobId: string; href: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: 'a2-height-400ft', corpus: { plans } },
    });
    expect(start.status).toBe(202);
    const partial: number[] = [];
    let last: Job | undefined;
    for (let i = 0; i < 3000; i++) {
      const r = await call<Job>(s.url, 'GET', `${start.body.href}?results=all&limit=20000`);
      expect(r.status).toBe(200);
      last = r.body;
      if (last.status === 'running') {
        const n = last.results?.length ?? 0;
        // results are written batch by batch after the plans are processed
        expect(n).toBeLessThanOrEqual(last.total);
        partial.push(n);
      }
      if (last.status === 'done' || last.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(last?.status).toBe('done');
    expect(last?.results?.length).toBe(2000);
    // at least one answer while running carried some results but not all
    expect(
      partial.some((n) => n > 0 && n < 2000),
      `results seen while running: ${partial.join(',')}`,
    ).toBe(true);
  }, 240_000);
});
