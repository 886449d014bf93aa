import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrafficImpact } from '../../rules/src/traffic/traffic-impact.js';
import { call, type ErrorReply, startServer, type TestServer } from '../server/helpers.js';
import { createSeparationCorpus, minimaDraft } from '../traffic/separation-fixture.js';

/** Separation minima over HTTP: a draft trialling them is checked at save and measured by the impact run. */
interface Job {
  status: string;
  summary: { traffic?: TrafficImpact } | null;
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('a draft trialling separation minima', () => {
  it('is refused at save with a 400 naming the change and the field', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/drafts', { json: minimaDraft('cap448g-2025', 50, -1) });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      {
        path: ['body', 'changes', 1, 'value'],
        message: expect.stringMatching(/^traffic parameter "separation\.verticalM": /),
      },
    ]);
  });

  it('shows the minima and the planned losses of separation before and after in the impact summary', async () => {
    const plans = createSeparationCorpus().map((p) => p.plan);
    const start = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: minimaDraft('cap448g-2025', 100, 30), corpus: { plans } },
    });
    expect(start.status).toBe(202);
    let job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
    for (let i = 0; i < 400 && job.body.status !== 'done' && job.body.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
    }
    expect(job.body.status).toBe('done');
    const t = job.body.summary?.traffic;
    expect(t?.changes).toEqual(['separation.horizontalM', 'separation.verticalM']);
    expect(t?.before.separation).toEqual({ horizontalM: 50, verticalM: 15, losses: 1 });
    expect(t?.after.separation).toEqual({ horizontalM: 100, verticalM: 30, losses: 3 });
    expect(t?.delta.separationLosses).toBe(2);
  }, 120_000);
});
