import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyDraft, evaluate } from '../../rules/src/engine/index.js';
import type { FlightPlanInput, Report } from '../../rules/src/model/index.js';
import {
  builtinData,
  call,
  defaultCredentials,
  type ErrorReply,
  issuePaths,
  startServer,
  type TestServer,
} from './helpers.js';
import { basePlan, generatePlans } from './plans.js';

const DRAFT_ID = 'a2-height-400ft';

interface Job {
  id: string;
  status: string;
  total: number;
  processed: number;
  percent: number;
  summary: {
    plans: number;
    changed: number;
    verdictChanged: number;
    verdicts: { before: Record<string, number>; after: Record<string, number> };
    rules: { ruleId: string; findingsBefore: number; findingsAfter: number; added: number; removed: number }[];
    durationMs: number;
  };
  results: { seq: number; planKey: string; before: string; after: string; changed: boolean }[];
}
interface Progress {
  jobId: string;
  done: number;
  total: number;
  percent: number;
  etaMs: number | null;
  message: string;
}

let s: TestServer;
let socket: Socket;
beforeAll(async () => {
  s = await startServer();
  socket = connect(s.url, { transports: ['websocket'], forceNew: true, extraHeaders: defaultCredentials(s.url) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
});
afterAll(async () => {
  socket.close();
  await s.close();
});

/** Subscribes and collects events until `job:done`. */
function follow(jobId: string) {
  const progress: Progress[] = [];
  const done = new Promise<{ ok: boolean; result?: unknown }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no job:done within 5 minutes')), 300_000);
    socket.on('job:progress', (p: Progress) => {
      if (p.jobId === jobId) progress.push(p);
    });
    socket.on('job:done', (d: { jobId: string; ok: boolean; result?: unknown }) => {
      if (d.jobId !== jobId) return;
      clearTimeout(timer);
      resolve(d);
    });
  });
  const ack = socket.emitWithAck('job:subscribe', { jobId }) as Promise<{ ok: boolean }>;
  return { progress, done, ack };
}

/** The reference: every plan evaluated one by one under the base and the draft. */
function oneByOne(plans: FlightPlanInput[]) {
  const { catalogue, rulebooks, drafts, permissions } = builtinData();
  const draft = drafts?.find((d) => d.id === DRAFT_ID);
  if (!draft) throw new Error(`built-in draft ${DRAFT_ID} missing`);
  const base = rulebooks.find((r) => r.id === draft.base);
  if (!base) throw new Error('base missing');
  const applied = applyDraft(base, draft);
  if (!applied.ok) throw new Error('draft does not apply');
  const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
  const reports: [Report, Report][] = plans.map((p) => [
    evaluate(p, { rulebook: base, airspace, permissions }),
    evaluate(p, { rulebook: applied.rulebook, airspace, permissions }),
  ]);
  const count = (i: 0 | 1) => {
    const out: Record<string, number> = {};
    for (const r of reports) out[r[i].verdict] = (out[r[i].verdict] ?? 0) + 1;
    return out;
  };
  const findings = (i: 0 | 1) => {
    const out: Record<string, number> = {};
    for (const r of reports) for (const f of r[i].findings) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
    return out;
  };
  return { reports, before: count(0), after: count(1), findingsBefore: findings(0), findingsAfter: findings(1) };
}

const nonZero = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));

describe('impact jobs', () => {
  it('runs a draft over 1,000 generated plans with progress events, stores the results, and matches one-by-one evaluation', async () => {
    const plans = generatePlans(1000, 7, { maxRouteM: 2000 });
    // the reference first: it is synchronous and would stall the in-process server while it runs
    const ref = oneByOne(plans);
    const t0 = performance.now();
    const start = await call<{ jobId: string; href: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: DRAFT_ID, corpus: { plans } },
    });
    expect(start.status).toBe(202);
    expect(start.headers.get('location')).toBe(start.body.href);
    const { progress, done, ack } = follow(start.body.jobId);
    expect(await ack).toMatchObject({ ok: true });
    // the event loop stays free while the job runs: health answers during the run
    expect((await call(s.url, 'GET', '/api/health')).status).toBe(200);
    const polled = await call<Job>(s.url, 'GET', start.body.href);
    expect(['queued', 'running', 'done']).toContain(polled.body.status);
    const finished = await done;
    const elapsedMs = performance.now() - t0;
    expect(finished.ok).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: 1000, total: 1000, percent: 100 });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);

    const job = await call<Job>(s.url, 'GET', `${start.body.href}?results=all&limit=5000`);
    expect(job.body).toMatchObject({ status: 'done', total: 1000, processed: 1000, percent: 100 });
    expect(job.body.results).toHaveLength(1000);
    console.log(
      `[impact] 1,000 plans: job ${job.body.summary.durationMs} ms inside the server, ${Math.round(elapsedMs)} ms from POST to job:done, ${progress.length} progress events, ${job.body.summary.changed} plans changed`,
    );

    expect(nonZero(job.body.summary.verdicts.before)).toEqual(ref.before);
    expect(nonZero(job.body.summary.verdicts.after)).toEqual(ref.after);
    job.body.results.forEach((r, i) => {
      expect(r.before).toBe(ref.reports[i][0].verdict);
      expect(r.after).toBe(ref.reports[i][1].verdict);
    });
    const rules = Object.fromEntries(job.body.summary.rules.map((r) => [r.ruleId, r]));
    for (const [ruleId, n] of Object.entries(ref.findingsBefore)) expect(rules[ruleId]?.findingsBefore, ruleId).toBe(n);
    for (const [ruleId, n] of Object.entries(ref.findingsAfter)) expect(rules[ruleId]?.findingsAfter, ruleId).toBe(n);
    const changedVerdicts = ref.reports.filter(([a, b]) => a.verdict !== b.verdict).length;
    expect(job.body.summary.verdictChanged).toBe(changedVerdicts);
    expect(changedVerdicts).toBeGreaterThan(0);
    // only the changed plans by default
    const changedOnly = await call<Job>(s.url, 'GET', start.body.href);
    expect(changedOnly.body.results.every((r) => r.changed)).toBe(true);
    expect(changedOnly.body.results).toHaveLength(job.body.summary.changed);
  }, 300_000);

  it('runs over the stored plans, and a late subscriber gets the final state at once', async () => {
    for (const p of generatePlans(5, 11)) await call(s.url, 'POST', '/api/plans', { json: p });
    const start = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: DRAFT_ID, corpus: 'stored' },
    });
    expect(start.status).toBe(202);
    let job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
    for (let i = 0; i < 200 && job.body.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
    }
    expect(job.body).toMatchObject({ status: 'done', total: 5 });
    const { progress, done } = follow(start.body.jobId);
    expect((await done).ok).toBe(true);
    expect(progress[0]).toMatchObject({ done: 5, total: 5 });
    const audit = await call<{ action: string }[]>(
      s.url,
      'GET',
      `/api/audit?entityType=impact-job&entityId=${start.body.jobId}`,
    );
    expect(audit.body.map((e) => e.action)).toEqual(['run']);
  });

  it('accepts an inline draft, and reports invalid corpus plans as invalid', async () => {
    const rb = await call<{ id: string; rules: { id: string }[] }>(s.url, 'GET', '/api/rulebooks/cap448g-2025');
    const inline = {
      id: 'inline-x',
      title: 'Inline',
      base: rb.body.id,
      changes: [{ op: 'withdraw-rule', rule: rb.body.rules[0].id }],
    };
    const start = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: inline, corpus: { plans: [basePlan(), { ...basePlan(), pilot: null }] } },
    });
    expect(start.status).toBe(202);
    const { done } = follow(start.body.jobId);
    const d = (await done) as { ok: boolean; result: { invalid: number; plans: number } };
    expect(d.result).toMatchObject({ plans: 2, invalid: 1 });
  });

  it('refuses a run over an empty corpus with 400 naming body.corpus, and starts no job', async () => {
    // a server with no stored plans (this file's server has some by now)
    const empty = await startServer();
    try {
      const r = await call<ErrorReply>(empty.url, 'POST', '/api/impact', {
        json: { draft: DRAFT_ID, corpus: 'stored' },
      });
      expect(r.status).toBe(400);
      expect(issuePaths(r.body)).toEqual(['body.corpus']);
      expect(r.text).toMatch(/holds no plans/);
      expect(await empty.store.jobs.unfinished()).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('answers bad requests with 400/404', async () => {
    expect((await call(s.url, 'POST', '/api/impact', { json: { draft: 'no-such-draft' } })).status).toBe(404);
    const bad = await call<ErrorReply>(s.url, 'POST', '/api/impact', {
      json: { draft: DRAFT_ID, corpus: 'everything' },
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)[0]).toBe('body.corpus');
    const inline = await call<ErrorReply>(s.url, 'POST', '/api/impact', {
      json: {
        draft: { id: 'x', title: 'x', base: 'cap448g-2025', changes: [{ op: 'withdraw-rule', rule: 'nope' }] },
        corpus: 'stored',
      },
    });
    expect(inline.status).toBe(400);
    expect(issuePaths(inline.body)[0]).toMatch(/^body\.draft\.changes\.0/);
    expect((await call(s.url, 'GET', '/api/jobs/not-a-job')).status).toBe(404);
    const sub = (await socket.emitWithAck('job:subscribe', { jobId: 'not-a-job' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(sub).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
