import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPACT_QUEUE } from '../../server/src/jobs-queue/messages.js';
import { DEFAULT_BATCH_SIZE } from '../../server/src/services/impact/jobs.js';
import { type MainProcess, startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, defaultCredentials, tempDir } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { REDIS_URL, requireRedisAndPostgres, startWorker, testQueuePrefix, type WorkerProcess } from './queue-env.js';

const queue = testQueuePrefix();
let env: Record<string, string>;
let server: MainProcess;
let url: string;

interface Job {
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
}
const getJob = (id: string) => call<Job>(url, 'GET', `/api/jobs/${id}?results=none`).then((r) => r.body);
const finished = (j: Job) => j.status === 'done' || j.status === 'failed';
const startJob = async (plans: number, seed: number) => {
  const json = { draft: 'a2-height-400ft', corpus: { plans: generatePlans(plans, seed, { maxRouteM: 2000 }) } };
  const r = await call<{ jobId: string }>(url, 'POST', '/api/impact', { json });
  expect(r.status).toBe(202);
  return r.body.jobId;
};

/** The BullMQ job as the queue holds it (attempts spent, state). */
async function queued(jobId: string) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(IMPACT_QUEUE, { connection, prefix: queue.prefix });
  try {
    const job = await q.getJob(jobId);
    return { state: await job?.getState(), attemptsMade: job?.attemptsMade };
  } finally {
    await q.close();
    connection.disconnect();
  }
}

beforeAll(async () => {
  await requireRedisAndPostgres();
  env = {
    DATABASE_URL: urlWithSchema(await freshSchema()),
    REDIS_URL,
    JOB_QUEUE_PREFIX: queue.prefix,
    JOB_LOCK_MS: '1500',
    WORKERS: '1',
  };
  server = await startMainAsAdmin(tempDir('sua-queue-'), env);
  url = await server.listening;
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await queue.obliterate();
});

describe('queued impact jobs: shutdown and failures', () => {
  it('a worker stopped with SIGTERM hands its job back without spending a try; the next worker finishes it', async () => {
    const plans = 1500;
    const a = startWorker(env);
    await a.ready;
    const jobId = await startJob(plans, 5);
    await waitFor(
      () => getJob(jobId),
      (j) => j.processed >= DEFAULT_BATCH_SIZE || finished(j),
      'progress',
      {
        everyMs: 10,
      },
    );
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.output()).toContain('impact job handed back to the queue');
    expect(await queued(jobId)).toEqual({ state: 'waiting', attemptsMade: 0 });
    const b = startWorker(env);
    try {
      await b.ready;
      const end = await waitFor(() => getJob(jobId), finished, 'the handed-over job', { everyMs: 50, tries: 6_000 });
      expect(end).toMatchObject({ status: 'done', processed: plans, resumes: 1, error: null });
      expect((await queued(jobId)).attemptsMade).toBe(1);
    } finally {
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    }
  }, 300_000);

  it('a job no retry can cure (a batch over its task budget) fails once, and the requester is told why', async () => {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, extraHeaders: defaultCredentials(url) });
    let w: WorkerProcess | undefined;
    try {
      // subscribed before any worker runs it: the failure reaches the requester as the worker reported it
      const jobId = await startJob(300, 9);
      const done = new Promise<unknown>((resolve) => socket.on('job:done', resolve));
      expect(await socket.emitWithAck('job:subscribe', { jobId })).toMatchObject({ ok: true });
      w = startWorker({ ...env, BUDGET_TASK_MS: '1' });
      await w.ready;
      const end = await waitFor(() => getJob(jobId), finished, 'the failing job', { everyMs: 50 });
      expect(end.status).toBe('failed');
      expect(end.error).toMatch(/the batch of plans 0–99 failed: .*did not finish in time; the limit is 1 /);
      expect(await done).toMatchObject({ jobId, ok: false, error: { code: 'budget_exceeded', message: end.error } });
      expect(await queued(jobId)).toEqual({ state: 'failed', attemptsMade: 1 });
    } finally {
      socket.close();
      w?.child.kill('SIGTERM');
      await w?.exited;
    }
  }, 120_000);

  it('a job whose stored draft changed before a worker took it fails with the reason, not a retry', async () => {
    const builtin = await call<{ draft: Record<string, unknown> }>(url, 'GET', '/api/drafts/a2-height-400ft');
    const mine = { ...builtin.body.draft, id: 'queue-test-draft' };
    expect((await call(url, 'POST', '/api/drafts', { json: mine })).status).toBe(201);
    const plans = generatePlans(100, 21, { maxRouteM: 2000 });
    const r = await call<{ jobId: string }>(url, 'POST', '/api/impact', {
      json: { draft: 'queue-test-draft', corpus: { plans } },
    });
    expect(r.status).toBe(202);
    const put = await call(url, 'PUT', '/api/drafts/queue-test-draft', { json: { ...mine, title: 'edited' } });
    expect(put.status).toBe(200);
    const w = startWorker(env);
    try {
      await w.ready;
      const end = await waitFor(() => getJob(r.body.jobId), finished, 'the refused job', { everyMs: 50 });
      expect(end.status).toBe('failed');
      expect(end.error).toBe(
        'cannot run the job: the draft "queue-test-draft" changed after the job started (revision 1 → 2); start it again',
      );
      expect(await queued(r.body.jobId)).toEqual({ state: 'failed', attemptsMade: 1 });
    } finally {
      w.child.kill('SIGTERM');
      await w.exited;
    }
  }, 120_000);

  it('a job the queue lost (Redis restarted empty) is queued again when a server starts, and finishes', async () => {
    const jobId = await startJob(200, 13);
    expect((await queued(jobId)).state).toBe('waiting');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await queue.obliterate();
    expect((await queued(jobId)).state).toBeUndefined();
    server = await startMainAsAdmin(tempDir('sua-queue-'), env);
    url = await server.listening;
    expect((await queued(jobId)).state).toBe('waiting');
    const w = startWorker(env);
    try {
      await w.ready;
      const end = await waitFor(() => getJob(jobId), finished, 'the re-queued job', { everyMs: 50 });
      expect(end).toMatchObject({ status: 'done', processed: 200, error: null });
    } finally {
      w.child.kill('SIGTERM');
      await w.exited;
    }
  }, 120_000);
});
