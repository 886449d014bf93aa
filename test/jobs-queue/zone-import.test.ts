import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MainProcess, startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, type ErrorReply, tempDir } from '../server/helpers.js';
import { tfrLayer } from '../server/plans.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { REDIS_URL, requireRedisAndPostgres, startWorker, testQueuePrefix, type WorkerProcess } from './queue-env.js';

const queue = testQueuePrefix();

interface Job {
  kind: string;
  status: string;
  error: string | null;
  summary: { id: string; zoneCount: number; zoneIds: string[] } | null;
}

const getJob = (url: string, id: string) => call<Job>(url, 'GET', `/api/jobs/${id}`).then((r) => r.body);
const finished = (j: Job) => j.status === 'done' || j.status === 'failed';

function tfrs(prefix: string, n: number, radiusM = 400) {
  const one = tfrLayer(`${prefix}-0`, radiusM);
  return { ...one, features: Array.from({ length: n }, (_, i) => ({ ...one.features[0], id: `${prefix}-${i}` })) };
}

async function stopMain(m: MainProcess) {
  m.child.kill('SIGTERM');
  expect(await m.exited, m.errors().slice(-2000)).toBe(0);
}

beforeAll(requireRedisAndPostgres);
afterAll(() => queue.obliterate());

describe('large zone imports on the BullMQ queue (real server and worker processes)', () => {
  it('a worker process imports the file; every node sees the layer; a bad file fails the job with the 400 reason', async () => {
    const env = {
      DATABASE_URL: urlWithSchema(await freshSchema()),
      REDIS_URL,
      JOB_QUEUE_PREFIX: queue.prefix,
      WORKERS: '1',
      BUDGET_ASYNC_IMPORT_BYTES: '2000',
    };
    const nodeA = await startMainAsAdmin(tempDir('sua-zq-a-'), env);
    const urlA = await nodeA.listening;
    const nodeB = await startMainAsAdmin(tempDir('sua-zq-b-'), env);
    let worker: WorkerProcess | undefined;
    try {
      const urlB = await nodeB.listening;
      worker = startWorker(env);
      await worker.ready;
      const r = await call<{ jobId: string }>(urlA, 'POST', '/api/zones/import?id=queued-layer', {
        json: tfrs('q', 12),
      });
      expect(r.status, r.text).toBe(202);
      const job = await waitFor(() => getJob(urlB, r.body.jobId), finished, 'the queued import', { everyMs: 50 });
      expect(job).toMatchObject({
        kind: 'zone-import',
        status: 'done',
        summary: { id: 'queued-layer', zoneCount: 12 },
      });
      const seenByB = (await call<{ id: string }[]>(urlB, 'GET', '/api/zones/layers')).body.map((l) => l.id);
      expect(seenByB).toContain('queued-layer');

      const bad = tfrs('qbad', 12);
      bad.features[1] = { ...bad.features[1], properties: { ...bad.features[1].properties, radiusM: -1 } };
      const sync = await call<ErrorReply>(urlA, 'POST', '/api/zones/import?id=qbad', {
        json: { ...bad, features: bad.features.slice(0, 2) },
      });
      expect(sync.status).toBe(400);
      const started = await call<{ jobId: string }>(urlA, 'POST', '/api/zones/import?id=qbad', { json: bad });
      expect(started.status).toBe(202);
      const failed = await waitFor(() => getJob(urlA, started.body.jobId), finished, 'the bad import', { everyMs: 50 });
      expect(failed).toMatchObject({ status: 'failed', error: sync.body.error.message });
      expect(worker.output()).not.toContain('"level":50');
    } finally {
      if (worker && worker.child.exitCode === null) worker.child.kill('SIGTERM');
      await worker?.exited;
      await Promise.allSettled([stopMain(nodeB), stopMain(nodeA)]);
    }
  }, 300_000);
});
