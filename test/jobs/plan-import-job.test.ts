import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_IMPORT_JOBS_PER_PRINCIPAL } from '../../server/src/services/plan-import-jobs.js';
import { call, type ErrorReply, sharedData, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { type SeededPrincipal, seedOrganisation, seedPrincipal } from '../server/principals.js';

/** Uploads larger than this many bytes become jobs on this server (BUDGET_ASYNC_IMPORT_BYTES). */
const THRESHOLD = 5_000;

interface Job {
  kind: string;
  status: string;
  error: string | null;
  problem: ErrorReply['error'] | null;
  request: Record<string, unknown>;
  summary: (Record<string, unknown> & { id: string; warnings: string[]; ownerOrg: string | null }) | null;
}

const { route: _route, ...template } = basePlan();
const options = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } };
const gpx = fs.readFileSync(sharedData('gpx/route.gpx'));
const bigGpx = fs.readFileSync(sharedData('gpx/cerknicko-jezero.gpx'));

function upload(name: string, content: string | Buffer, fields: { template?: unknown } = {}) {
  const form = new FormData();
  form.set('template', JSON.stringify(fields.template ?? template));
  form.set('options', JSON.stringify(options));
  form.set('file', new Blob([content]), name);
  return form;
}

let s: TestServer;
let orgA: string;
let a1: SeededPrincipal;
let a2: SeededPrincipal;
let b: SeededPrincipal;
let regulator: SeededPrincipal;

const post = (who: SeededPrincipal, form: FormData, query = '') =>
  call<{ jobId: string; href: string }>(s.url, 'POST', `/api/plans${query}`, { raw: form, headers: who.headers });
const getJob = (who: SeededPrincipal, id: string) =>
  call<Job>(s.url, 'GET', `/api/jobs/${id}`, { headers: who.headers });

async function finished(who: SeededPrincipal, jobId: string): Promise<Job> {
  for (let i = 0; i < 2_000; i++) {
    const r = await getJob(who, jobId);
    expect(r.status, r.text).toBe(200);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${jobId} did not end`);
}

const planCount = async () => (await s.store.plans.count({})) as number;

beforeAll(async () => {
  s = await startServer({ deps: { budgets: { asyncImportBytes: THRESHOLD } } });
  orgA = (await seedOrganisation(s.store, 'Operator A', 'operator')).id;
  const orgB = (await seedOrganisation(s.store, 'Operator B', 'operator')).id;
  a1 = await seedPrincipal(s.store, 'applicant', { orgId: orgA });
  a2 = await seedPrincipal(s.store, 'applicant', { orgId: orgA });
  b = await seedPrincipal(s.store, 'applicant', { orgId: orgB });
  regulator = await seedPrincipal(s.store, 'regulator');
});
afterAll(() => s.close());

describe('large plan uploads as the uploader’s jobs (in-process)', () => {
  it('async=1: 202, and the job’s result is exactly the synchronous 201 answer', async () => {
    const withId = { ...template, id: 'plan-async-1' };
    const started = await post(a1, upload('route.gpx', gpx, { template: withId }), '?async=1');
    expect(started.status, started.text).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/jobs/${started.body.jobId}`);
    const job = await finished(a1, started.body.jobId);
    expect(job).toMatchObject({ kind: 'plan-import', status: 'done', error: null, problem: null });
    expect(job.request).toEqual({ fileName: 'route.gpx', format: 'auto', name: null, bytes: gpx.length });
    expect(job.summary).toMatchObject({ id: 'plan-async-1', ownerOrg: orgA });
    // the uploader's organisation owns the plan, as for a synchronous upload
    const stored = await call(s.url, 'GET', '/api/plans/plan-async-1', { headers: a1.headers });
    expect(stored.status).toBe(200);
    // the same upload answered synchronously, once the job's plan is gone: the same body (its timestamps aside)
    expect((await call(s.url, 'DELETE', '/api/plans/plan-async-1', { headers: a1.headers })).status).toBe(204);
    const sync = await post(a1, upload('route.gpx', gpx, { template: withId }));
    expect(sync.status, sync.text).toBe(201);
    expect(job.summary).not.toBeNull();
    const { createdAt: _a, updatedAt: _b, ...fromJob } = job.summary as Record<string, unknown>;
    const { createdAt: _c, updatedAt: _d, ...fromSync } = sync.body as unknown as Record<string, unknown>;
    expect(fromJob).toEqual(fromSync);
    expect(Array.isArray(fromJob.warnings)).toBe(true);
  });

  it('a file over the threshold becomes a job unasked; a small one answers 201 at once', async () => {
    expect(bigGpx.length).toBeGreaterThan(THRESHOLD);
    expect(gpx.length).toBeLessThanOrEqual(THRESHOLD);
    const big = await post(a1, upload('big.gpx', bigGpx));
    expect(big.status, big.text).toBe(202);
    const job = await finished(a1, big.body.jobId);
    expect(job.status, JSON.stringify(job.problem)).toBe('done');
    expect((await s.store.plans.get(job.summary?.id ?? ''))?.ownerOrg).toBe(orgA);
    expect((await post(a1, upload('route.gpx', gpx))).status).toBe(201);
  });

  it('another applicant (same organisation or not) gets the 404 of a missing job; the regulator reads it', async () => {
    const started = await post(a1, upload('route.gpx', gpx), '?async=1');
    expect(started.status).toBe(202);
    const jobId = started.body.jobId;
    await finished(a1, jobId);
    const missing = await getJob(a1, 'no-such-job');
    expect(missing.status).toBe(404);
    for (const other of [a2, b]) {
      const r = await getJob(other, jobId);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({
        error: { ...(missing.body as unknown as ErrorReply).error, message: `job "${jobId}" not found` },
      });
    }
    const byRegulator = await getJob(regulator, jobId);
    expect(byRegulator.status).toBe(200);
    expect(byRegulator.body.status).toBe('done');
    // an applicant reads no job of the regulator's either (an impact run, a zone import): 404, not 403
    const zone = await call<{ jobId: string }>(s.url, 'POST', '/api/zones/import?async=1&id=l-reg', {
      json: { type: 'FeatureCollection', features: [] },
      headers: regulator.headers,
    });
    expect(zone.status, zone.text).toBe(202);
    expect((await getJob(a1, zone.body.jobId)).status).toBe(404);
  });

  it('a refused file fails the job with the synchronous error (field named) and stores no plan', async () => {
    const broken = gpx.toString('utf8').replace(/ lon="13\.726695478"/, '');
    const sync = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('bad.gpx', broken),
      headers: a1.headers,
    });
    expect(sync.status).toBe(400);
    expect(sync.body.error.issues?.[0]?.path.slice(0, 2)).toEqual(['body', 'file']);
    const before = await planCount();
    const started = await post(a1, upload('bad.gpx', broken), '?async=1');
    expect(started.status).toBe(202);
    const job = await finished(a1, started.body.jobId);
    expect(job).toMatchObject({ status: 'failed', summary: null, error: sync.body.error.message });
    expect(job.problem).toEqual(sync.body.error);
    expect(await planCount()).toBe(before);
  });

  it('a template the plan cannot be built from fails the job naming body.template.*', async () => {
    const { pilot: _p, ...noPilot } = template;
    const sync = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('route.gpx', gpx, { template: noPilot }),
      headers: a1.headers,
    });
    expect(sync.status).toBe(400);
    const before = await planCount();
    const started = await post(a1, upload('route.gpx', gpx, { template: noPilot }), '?async=1');
    const job = await finished(a1, started.body.jobId);
    expect(job.status).toBe('failed');
    expect(job.problem).toEqual(sync.body.error);
    expect(job.problem?.issues?.map((i) => i.path.join('.'))).toContain('body.template.pilot');
    expect(await planCount()).toBe(before);
  });

  it('a principal with its cap of unfinished uploads gets 429; nothing is stored or queued', async () => {
    const capped = await seedPrincipal(s.store, 'applicant', { orgId: orgA });
    const owner = `user:${capped.userId}`;
    // unfinished jobs of its own, held in the store (never run): the cap counts them
    for (let i = 0; i < PLAN_IMPORT_JOBS_PER_PRINCIPAL; i++)
      await s.store.jobs.create({
        id: `held-${capped.userId}-${i}`,
        kind: 'plan-import',
        request: { fileName: 'x.gpx', format: 'auto', name: null, bytes: 1 },
        total: 1,
        owner,
      });
    const plans = await planCount();
    const refused = await post(capped, upload('big.gpx', bigGpx));
    expect(refused.status, refused.text).toBe(429);
    expect((refused.body as unknown as ErrorReply).error.code).toBe('rate_limited');
    expect(await s.store.jobs.countUnfinished(owner, 'plan-import')).toBe(PLAN_IMPORT_JOBS_PER_PRINCIPAL);
    expect(await planCount()).toBe(plans);
    // the cap is the principal's: a colleague still uploads, and a small file still answers at once
    expect((await post(a2, upload('big.gpx', bigGpx))).status).toBe(202);
    expect((await post(capped, upload('route.gpx', gpx))).status).toBe(201);
    // one finished: room for one more
    await s.store.jobs.fail(`held-${capped.userId}-0`, 'test');
    const again = await post(capped, upload('big.gpx', bigGpx));
    expect(again.status, again.text).toBe(202);
    expect((await finished(capped, again.body.jobId)).status).toBe('done');
  });

  it('async=1 on a JSON plan is a 400 naming query.async; a viewer cannot read jobs (403)', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans?async=1', { json: basePlan(), headers: a1.headers });
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.map((i) => i.path.join('.'))).toEqual(['query.async']);
    const viewer = await seedPrincipal(s.store, 'viewer', { orgId: orgA });
    expect((await getJob(viewer, 'any')).status).toBe(403);
  });
});
