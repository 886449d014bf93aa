import fs from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPACT_QUEUE } from '../../server/src/jobs-queue/messages.js';
import { PLAN_IMPORT_JOBS_PER_PRINCIPAL } from '../../server/src/services/plan-import-jobs.js';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import type { Store } from '../../server/src/store/types.js';
import { startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, type ErrorReply, sharedData, tempDir } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { type SeededPrincipal, seedOrganisation, seedPrincipal } from '../server/principals.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import {
  jobFinished,
  REDIS_URL,
  requireRedisAndPostgres,
  startWorker,
  stopMain,
  testQueuePrefix,
  type WorkerProcess,
} from './queue-env.js';

const queue = testQueuePrefix();

interface Job {
  kind: string;
  status: string;
  error: string | null;
  problem: ErrorReply['error'] | null;
  summary: (Record<string, unknown> & { id: string }) | null;
}

const { route: _route, ...template } = basePlan();
const options = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } };
const gpx = fs.readFileSync(sharedData('gpx/route.gpx'));
const bigGpx = fs.readFileSync(sharedData('gpx/cerknicko-jezero.gpx'));
const broken = gpx.toString('utf8').replace(/ lon="13\.726695478"/, '');

function upload(name: string, content: string | Buffer, tpl: Record<string, unknown> = template) {
  const form = new FormData();
  form.set('template', JSON.stringify(tpl));
  form.set('options', JSON.stringify(options));
  form.set('file', new Blob([content]), name);
  return form;
}

/** What BullMQ holds under this run's prefix, waiting or otherwise. */
async function queuedCount(): Promise<number> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(IMPACT_QUEUE, { connection, prefix: queue.prefix });
  try {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    return Object.values(c).reduce((a, b) => a + b, 0);
  } finally {
    await q.close();
    connection.disconnect();
  }
}

beforeAll(requireRedisAndPostgres);
afterAll(() => queue.obliterate());

describe('large plan uploads on the BullMQ queue (real server and worker processes)', () => {
  it('queued as the uploader’s jobs, capped per principal (429, nothing queued), run by a worker process', async () => {
    const env = {
      DATABASE_URL: urlWithSchema(await freshSchema()),
      REDIS_URL,
      JOB_QUEUE_PREFIX: queue.prefix,
      WORKERS: '1',
      BUDGET_ASYNC_IMPORT_BYTES: '5000',
    };
    const store: Store = await openPostgresStore({ url: env.DATABASE_URL, maxConnections: 2 });
    const orgA = (await seedOrganisation(store, 'Operator A', 'operator')).id;
    const a1: SeededPrincipal = await seedPrincipal(store, 'applicant', { orgId: orgA });
    const a2: SeededPrincipal = await seedPrincipal(store, 'applicant', { orgId: orgA });
    const node = await startMainAsAdmin(tempDir('sua-pq-'), env);
    let worker: WorkerProcess | undefined;
    try {
      const url = await node.listening;
      const post = (form: FormData, query = '') =>
        call<{ jobId: string; status: string }>(url, 'POST', `/api/plans${query}`, { raw: form, headers: a1.headers });
      const getJob = (id: string, who = a1) =>
        call<Job>(url, 'GET', `/api/jobs/${id}`, { headers: who.headers }).then((r) => r.body);

      // no worker yet: the uploads wait in the queue, so the cap is reached by real requests
      expect(gpx.length).toBeLessThanOrEqual(5000);
      expect(bigGpx.length).toBeGreaterThan(5000);
      const uploads: [FormData, string][] = [
        [upload('route.gpx', gpx, { ...template, id: 'queued-plan' }), '?async=1'],
        [upload('bad.gpx', broken), '?async=1'],
        ...Array.from({ length: PLAN_IMPORT_JOBS_PER_PRINCIPAL - 2 }, (): [FormData, string] => [
          upload('big.gpx', bigGpx),
          '',
        ]),
      ];
      const jobIds: string[] = [];
      for (const [form, query] of uploads) {
        const r = await post(form, query);
        expect(r.status, r.text).toBe(202);
        expect(r.body.status).toBe('queued');
        jobIds.push(r.body.jobId);
      }
      expect(await queuedCount()).toBe(PLAN_IMPORT_JOBS_PER_PRINCIPAL);
      const refused = await post(upload('route.gpx', gpx), '?async=1');
      expect(refused.status, refused.text).toBe(429);
      expect(await queuedCount()).toBe(PLAN_IMPORT_JOBS_PER_PRINCIPAL);
      expect(await store.jobs.countUnfinished(`user:${a1.userId}`, 'plan-import')).toBe(PLAN_IMPORT_JOBS_PER_PRINCIPAL);
      // a colleague sees none of them, not even that they exist
      const hidden = await call<ErrorReply>(url, 'GET', `/api/jobs/${jobIds[0]}`, { headers: a2.headers });
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('not_found');

      worker = startWorker(env);
      await worker.ready;
      const ended = await Promise.all(
        jobIds.map((id) => waitFor(() => getJob(id), jobFinished, `upload ${id}`, { everyMs: 50 })),
      );
      const [good, bad, ...rest] = ended;
      expect(good).toMatchObject({ kind: 'plan-import', status: 'done', problem: null });
      for (const j of rest) expect(j.status).toBe('done');
      // the refused file: the synchronous 400 as the job's problem, and no plan stored for it
      const sync400 = await call<ErrorReply>(url, 'POST', '/api/plans', {
        raw: upload('bad.gpx', broken),
        headers: a1.headers,
      });
      expect(sync400.status).toBe(400);
      expect(bad).toMatchObject({ status: 'failed', summary: null, error: sync400.body.error.message });
      expect(bad.problem).toEqual(sync400.body.error);
      expect(await store.plans.count({ ownerOrg: orgA })).toBe(PLAN_IMPORT_JOBS_PER_PRINCIPAL - 1);
      // the job's result is the synchronous 201 answer (timestamps aside), from the worker process
      expect((await call(url, 'DELETE', '/api/plans/queued-plan', { headers: a1.headers })).status).toBe(204);
      const sync = await call<Record<string, unknown>>(url, 'POST', '/api/plans', {
        raw: upload('route.gpx', gpx, { ...template, id: 'queued-plan' }),
        headers: a1.headers,
      });
      expect(sync.status, sync.text).toBe(201);
      const strip = (v: Record<string, unknown> | null) => {
        const { createdAt: _c, updatedAt: _u, ...kept } = v ?? {};
        return kept;
      };
      expect(strip(good.summary)).toEqual(strip(sync.body));
      expect(good.summary).toMatchObject({ id: 'queued-plan', ownerOrg: orgA });
      expect(worker.output()).not.toContain('"level":50');
    } finally {
      if (worker && worker.child.exitCode === null) worker.child.kill('SIGTERM');
      await worker?.exited;
      await stopMain(node).catch(() => undefined);
      await store.close();
    }
  }, 300_000);
});
