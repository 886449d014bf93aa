import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, tempDir } from '../server/helpers.js';
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

/** Enough runs for the worker to be killed part-way (each scenario is one task, a checkpoint when it ends). */
const RUNS = 60;
const SEED = 3;
const queue = testQueuePrefix();

interface Job {
  kind: string;
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
  summary: { runs: unknown[]; durationMs?: number } | null;
}
interface Done {
  jobId: string;
  ok: boolean;
  result?: { runs: unknown[]; durationMs?: number };
}

const getJob = (url: string, id: string) => call<Job>(url, 'GET', `/api/jobs/${id}`).then((r) => r.body);

async function storedCheckpoint(url: string, jobId: string) {
  const store = await openPostgresStore({ url, maxConnections: 2 });
  try {
    const job = await store.jobs.get(jobId);
    const state = await store.jobs.resumeState(jobId);
    const runs = Array.isArray(state?.tally) ? state.tally.length : -1;
    return { status: job?.status, processed: job?.processed ?? -1, runs };
  } finally {
    await store.close();
  }
}

beforeAll(requireRedisAndPostgres);
afterAll(() => queue.obliterate());

describe('scenario batches on the BullMQ queue (real server and worker processes)', () => {
  it('a batch whose worker is killed mid-run is retried, its progress reaches a requester on another node, and it ends with the in-process result', async () => {
    const env = {
      DATABASE_URL: urlWithSchema(await freshSchema()),
      REDIS_URL,
      JOB_QUEUE_PREFIX: queue.prefix,
      JOB_LOCK_MS: '1500',
      WORKERS: '1',
    };
    const server = await startMainAsAdmin(tempDir('sua-batch-q-'), env);
    const url = await server.listening;
    const nodeB = await startMainAsAdmin(tempDir('sua-batch-q-b-'), env);
    const workers: WorkerProcess[] = [];
    let socket: Socket | undefined;
    let stopped: PromiseSettledResult<void>[] = [];
    try {
      const urlB = await nodeB.listening;
      const ids = (await call<{ id: string }[]>(url, 'GET', '/api/scenarios')).body.map((s) => s.id);
      const request = { scenarios: Array.from({ length: RUNS }, (_, i) => ids[i % ids.length]), seed: SEED };
      workers.push(startWorker(env));
      await workers[0].ready;

      const started = await call<{ jobId: string }>(url, 'POST', '/api/scenario-batches', { json: request });
      expect(started.status, started.text).toBe(202);
      const { jobId } = started.body;
      // the requester follows the batch from node B: progress comes from the worker via the queue
      const followed = await followJob<Done>(urlB, jobId);
      socket = followed.socket;
      const { progress, done } = followed;

      const seen = await waitFor(
        () => getJob(url, jobId),
        (j) => (j.processed >= 2 && progress.some((p) => p.done > 0)) || jobFinished(j),
        'the first worker to make progress',
        { everyMs: 10 },
      );
      workers[0].child.kill('SIGKILL');
      await workers[0].exited;
      expect(seen.status, 'the batch ended before its worker could be killed').toBe('running');
      const atKill = await storedCheckpoint(env.DATABASE_URL, jobId);
      console.log(`[queue] batch worker killed at ${atKill.processed} of ${RUNS} scenario runs stored`);
      expect(atKill.status).toBe('running');
      expect(atKill.processed).toBeGreaterThan(0);
      expect(atKill.processed).toBeLessThan(RUNS);
      expect(atKill.runs).toBe(atKill.processed);

      workers.push(startWorker(env));
      await workers[1].ready;
      const end = await waitFor(() => getJob(url, jobId), jobFinished, 'the retried batch', {
        everyMs: 50,
        tries: 6_000,
      });
      expect(end).toMatchObject({ kind: 'scenario-batch', status: 'done', processed: RUNS, total: RUNS, resumes: 1 });
      expect(workers[1].output()).toMatch(
        new RegExp(`"jobId":"${jobId}","from":${atKill.processed},"total":${RUNS}.*scenario batch resumed`),
      );
      const told = await done;
      expect(told).toMatchObject({ jobId, ok: true });
      expect(progress.filter((p) => p.done === RUNS)).toHaveLength(1);
      expect(progress.some((p) => p.done > atKill.processed && p.done < RUNS)).toBe(true);
      // node B answers with the same stored result
      expect((await getJob(urlB, jobId)).summary?.runs).toEqual(end.summary?.runs);

      // the same batch in-process (no REDIS_URL, no DATABASE_URL)
      const ref = await startMainAsAdmin(tempDir('sua-batch-ref-'), { WORKERS: '1' });
      try {
        const refUrl = await ref.listening;
        expect(ref.output()).not.toContain('job queue');
        const refId = (await call<{ jobId: string }>(refUrl, 'POST', '/api/scenario-batches', { json: request })).body
          .jobId;
        const want = await waitFor(() => getJob(refUrl, refId), jobFinished, 'the in-process batch', { everyMs: 50 });
        expect(want.status).toBe('done');
        expect(want.summary?.runs).toHaveLength(RUNS);
        expect(end.summary?.runs).toEqual(want.summary?.runs);
        expect(told.result?.runs).toEqual(want.summary?.runs);
      } finally {
        await stopMain(ref);
      }
    } finally {
      socket?.close();
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      stopped = await Promise.allSettled([stopMain(nodeB), stopMain(server)]);
    }
    for (const r of stopped) if (r.status === 'rejected') throw r.reason;
  }, 600_000);
});
