import { afterEach, describe, expect, it } from 'vitest';
import type { ImpactJobQueue } from '../../server/src/services/impact/job-queue.js';
import { call, startServer, type TestServer, tempDir } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';

/** A queue that only records what the job service asks of it (the BullMQ one is tested with Redis). */
function recordingQueue(opts: { enqueueFails?: boolean; lost?: string[] } = {}) {
  const calls = { enqueued: [] as string[], recovered: [] as string[], closed: 0 };
  const queue: ImpactJobQueue = {
    async enqueue(jobId) {
      calls.enqueued.push(jobId);
      if (opts.enqueueFails) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    },
    async recover(jobId) {
      calls.recovered.push(jobId);
      return opts.lost?.includes(jobId) ? { queued: false, failed: 'the queue failed it' } : { queued: true };
    },
    progress: (jobId) =>
      calls.enqueued.includes(jobId) ? { done: 40, total: 60, percent: 66.7, etaMs: 1000, elapsedMs: 5 } : undefined,
    async close() {
      calls.closed++;
    },
  };
  return { calls, factory: async () => queue };
}

const request = { draft: 'a2-height-400ft', corpus: { plans: generatePlans(60, 3, { maxRouteM: 2000 }) } };
let servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

describe('the job service with a queue (the seam)', () => {
  it('creates the job and its corpus, hands its id to the queue, and does not run it itself', async () => {
    const q = recordingQueue();
    const s = await startServer({ deps: { jobQueue: q.factory } });
    servers.push(s);
    const r = await call<{ jobId: string; status: string }>(s.url, 'POST', '/api/impact', { json: request });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('queued');
    expect(q.calls.enqueued).toEqual([r.body.jobId]);
    expect(await s.store.jobs.inputs(r.body.jobId, 0)).toHaveLength(60);
    // the progress the workers reported (relayed by the queue) is what GET answers while the job runs
    const job = await call<{ status: string; processed: number; etaMs: number }>(
      s.url,
      'GET',
      `/api/jobs/${r.body.jobId}?results=none`,
    );
    expect(job.body).toMatchObject({ status: 'queued', processed: 40, etaMs: 1000 });
    expect((await s.store.jobs.get(r.body.jobId))?.processed).toBe(0);
    await s.close();
    servers = [];
    expect(q.calls.closed).toBe(1);
  });

  it('answers 503 and fails the job, saying so, when the queue does not answer', async () => {
    const q = recordingQueue({ enqueueFails: true });
    const s = await startServer({ deps: { jobQueue: q.factory } });
    servers.push(s);
    const r = await call<{ error: { code: string; message: string } }>(s.url, 'POST', '/api/impact', { json: request });
    expect(r.status).toBe(503);
    expect(r.body.error).toEqual({
      code: 'unavailable',
      message: 'the job queue (Redis) did not answer; start the job again later',
    });
    expect(r.text).not.toContain('ECONNREFUSED');
    const [jobId] = q.calls.enqueued;
    expect(await s.store.jobs.get(jobId)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/did not answer/),
    });
  });

  it('at start, asks the queue about every unfinished job: re-queued, or failed with the queue’s reason', async () => {
    const dir = tempDir('sua-seam-');
    const first = await startServer({ dir, deps: { jobQueue: recordingQueue().factory } });
    const a = (await call<{ jobId: string }>(first.url, 'POST', '/api/impact', { json: request })).body.jobId;
    const b = (await call<{ jobId: string }>(first.url, 'POST', '/api/impact', { json: request })).body.jobId;
    await first.close();
    const q = recordingQueue({ lost: [b] });
    const second = await startServer({ dir, deps: { jobQueue: q.factory } });
    servers.push(second);
    expect(q.calls.recovered.sort()).toEqual([a, b].sort());
    expect(await second.store.jobs.get(a)).toMatchObject({ status: 'queued' });
    expect(await second.store.jobs.get(b)).toMatchObject({ status: 'failed', error: 'the queue failed it' });
  });
});
