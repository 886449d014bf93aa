import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_SIZE } from '../../server/src/services/impact/jobs.js';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { Store } from '../../server/src/store/types.js';
import { startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, tempDir } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import {
  followJob,
  jobFinished,
  REDIS_URL,
  requireRedisAndPostgres,
  startWorker,
  stopMain,
  testQueuePrefix,
  type WorkerProcess,
} from './queue-env.js';

const DRAFT_ID = 'a2-height-400ft';
const PLANS = 3000;
const queue = testQueuePrefix();

interface Job {
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
}
interface Done {
  jobId: string;
  ok: boolean;
  result?: Record<string, unknown>;
}

const getJob = (url: string, id: string) => call<Job>(url, 'GET', `/api/jobs/${id}?results=none`).then((r) => r.body);

/** The job's stored result, as the store holds it: the summary and every row in seq order. */
async function storedResult(store: Store, jobId: string) {
  try {
    const job = await store.jobs.get(jobId);
    return { status: job?.status, summary: job?.summary, rows: await store.jobs.results(jobId) };
  } finally {
    await store.close();
  }
}

async function storedCheckpoint(url: string, jobId: string) {
  const store = await openPostgresStore({ url, maxConnections: 2 });
  try {
    const job = await store.jobs.get(jobId);
    return { status: job?.status, processed: job?.processed ?? -1, rows: (await store.jobs.results(jobId)).length };
  } finally {
    await store.close();
  }
}

beforeAll(requireRedisAndPostgres);
afterAll(() => queue.obliterate());

describe('impact jobs on the BullMQ queue (real server and worker processes)', () => {
  it('a job whose worker is killed with kill -9 mid-run is retried by another worker and stores the uninterrupted result', async () => {
    const env = {
      DATABASE_URL: urlWithSchema(await freshSchema()),
      REDIS_URL,
      JOB_QUEUE_PREFIX: queue.prefix,
      // a dead worker's job goes back to the queue after about this long (twice it at most)
      JOB_LOCK_MS: '1500',
      WORKERS: '1',
    };
    const plans = generatePlans(PLANS, 11, { maxRouteM: 2000 });
    const request = { draft: DRAFT_ID, corpus: { plans } };
    // two server nodes on the same store and queue: the job is started on A, its requester follows it on B
    const server = await startMainAsAdmin(tempDir('sua-queue-'), env);
    // node B starts once A is up: a node killed before it has installed its SIGTERM handler exits without a code,
    // which would hide why the test stopped
    const url = await server.listening;
    const nodeB = await startMainAsAdmin(tempDir('sua-queue-b-'), env);
    const workers: WorkerProcess[] = [];
    let socket: Socket | undefined;
    let stopped: PromiseSettledResult<void>[] = [];
    try {
      const urlB = await nodeB.listening;
      expect(server.output()).toContain('impact jobs go to the job queue');
      expect(nodeB.output()).toContain('impact jobs go to the job queue');
      workers.push(startWorker(env));
      await workers[0].ready;

      const started = await call<{ jobId: string }>(url, 'POST', '/api/impact', { json: request });
      expect(started.status).toBe(202);
      const { jobId } = started.body;
      // the requester follows the job over socket.io: progress and the end come from the worker via the queue
      const followed = await followJob<Done>(urlB, jobId);
      socket = followed.socket;
      const { progress, done } = followed;

      // at least two checkpoints stored and progress seen by the requester: kill the worker without warning
      const seen = await waitFor(
        () => getJob(url, jobId),
        (j) => (j.processed >= 2 * DEFAULT_BATCH_SIZE && progress.some((p) => p.done > 0)) || jobFinished(j),
        'the first worker to make progress',
        { everyMs: 10 },
      );
      workers[0].child.kill('SIGKILL');
      await workers[0].exited;
      expect(seen.status, 'the job ended before its worker could be killed').toBe('running');
      // what the kill left, as the store holds it (the API adds the live progress): a checkpoint, rows in step
      const atKill = await storedCheckpoint(env.DATABASE_URL, jobId);
      console.log(`[queue] worker killed at ${atKill.processed} of ${PLANS} plans stored`);
      expect(atKill.status).toBe('running');
      expect(atKill.processed).toBeGreaterThan(0);
      expect(atKill.processed % DEFAULT_BATCH_SIZE).toBe(0);
      expect(atKill.processed).toBeLessThan(PLANS);
      expect(atKill.rows).toBe(atKill.processed);

      // a second worker takes the job over once the dead one's lock expires
      workers.push(startWorker(env));
      await workers[1].ready;
      const end = await waitFor(() => getJob(url, jobId), jobFinished, 'the retried job', {
        everyMs: 50,
        tries: 6_000,
      });
      expect(end).toMatchObject({ status: 'done', processed: PLANS, total: PLANS, resumes: 1, error: null });
      expect(workers[1].output()).toMatch(
        new RegExp(`"jobId":"${jobId}","from":${atKill.processed},"total":${PLANS}.*resumed from its last checkpoint`),
      );
      const told = await done;
      expect(told).toMatchObject({ jobId, ok: true });
      // each event once: every node relays the queue's events to its own sockets only
      expect(progress.filter((p) => p.done === PLANS)).toHaveLength(1);
      expect(progress.at(-1)).toMatchObject({ jobId, done: PLANS, total: PLANS });
      expect(progress.some((p) => p.done > atKill.processed && p.done < PLANS)).toBe(true);

      // the same request, in-process (no REDIS_URL, no DATABASE_URL: `npm start` as before)
      const refDir = tempDir('sua-queue-ref-');
      const ref = await startMainAsAdmin(refDir, { WORKERS: '1' });
      let refJobId: string;
      try {
        const refUrl = await ref.listening;
        expect(ref.output()).not.toContain('job queue');
        refJobId = (await call<{ jobId: string }>(refUrl, 'POST', '/api/impact', { json: request })).body.jobId;
        const refEnd = await waitFor(() => getJob(refUrl, refJobId), jobFinished, 'the in-process job', {
          everyMs: 50,
        });
        expect(refEnd.status).toBe('done');
      } finally {
        await stopMain(ref);
      }
      const got = await storedResult(await openPostgresStore({ url: env.DATABASE_URL, maxConnections: 2 }), jobId);
      const want = await storedResult(await openSqliteStore({ file: path.join(refDir, 'sua-sandbox.db') }), refJobId);
      expect(want.rows).toHaveLength(PLANS);
      expect(got.rows).toHaveLength(PLANS);
      expect(got.summary).toEqual(want.summary);
      expect(got.rows).toEqual(want.rows);
      const { durationMs: _ms, ...told_summary } = told.result ?? {};
      expect(told_summary).toEqual(want.summary);
    } finally {
      socket?.close();
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      // after a failure, stop the nodes without letting their exit codes hide the first error
      stopped = await Promise.allSettled([stopMain(nodeB), stopMain(server)]);
    }
    // reached only when the body passed: then each node must have stopped cleanly
    for (const r of stopped) if (r.status === 'rejected') throw r.reason;
  }, 600_000);
});
