import { describe, expect, it } from 'vitest';
import { waitFor } from '../jobs/main-process.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { backendReady, storeBackends } from './backends.js';

interface Job {
  status: string;
  total: number;
  processed: number;
  summary: Record<string, unknown> | null;
  results: { seq: number; planKey: string; before: string; after: string; changed: boolean }[];
}
interface Checked {
  verdict: string;
  findings: unknown[];
}

const plans = generatePlans(40, 21, { maxRouteM: 2000 });

/** Stores plans, checks one (its report kept), runs an impact job over the stored plans: what a user sees. */
async function roundTrip(s: TestServer) {
  for (const p of plans) expect((await call(s.url, 'POST', '/api/plans', { json: p })).status).toBe(201);
  const listed = await call<{ total: number; items: { id: string }[] }>(s.url, 'GET', '/api/plans?limit=1000');
  const id = listed.body.items[0].id;
  const checked = await call<Checked>(s.url, 'POST', `/api/plans/${id}/check`);
  expect(checked.status).toBe(200);
  const history = await call<{ id: string; verdict: string }[]>(s.url, 'GET', `/api/plans/${id}/reports`);
  expect(history.body.map((r) => [r.id, r.verdict])).toEqual([
    [checked.headers.get('x-report-id'), checked.body.verdict],
  ]);
  // a stored draft that withdraws a rule: the plans that broke it change verdict
  const rb = await call<{ id: string; rules: { id: string }[] }>(s.url, 'GET', '/api/rulebooks/cap448g-2025');
  const draft = { id: 'withdraw-first', title: 'Withdraw a rule', base: rb.body.id, changes: [] as unknown[] };
  draft.changes.push({ op: 'withdraw-rule', rule: rb.body.rules[0].id });
  expect((await call(s.url, 'POST', '/api/drafts', { json: draft })).status).toBe(201);
  const started = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
    json: { draft: draft.id, corpus: 'stored' },
  });
  expect(started.status).toBe(202);
  const job = await waitFor(
    () => call<Job>(s.url, 'GET', `/api/jobs/${started.body.jobId}?results=all`).then((r) => r.body),
    (j) => j.status === 'done' || j.status === 'failed',
    'the impact job',
  );
  const { durationMs: _, ...summary } = job.summary ?? {};
  return {
    plans: listed.body.items.map((p) => p.id),
    total: listed.body.total,
    check: { verdict: checked.body.verdict, findings: checked.body.findings.length },
    job: { status: job.status, total: job.total, processed: job.processed, summary, results: job.results },
  };
}

const backends = await storeBackends();
const postgres = backends.find((b) => b.name === 'PostgreSQL');
if (!postgres) throw new Error('no PostgreSQL backend');

describe('the whole app on PostgreSQL', () => {
  if (!backendReady(postgres)) return;

  it('stores plans, checks one and runs an impact job, with the same answers as on SQLite', async () => {
    const results = [];
    for (const backend of backends) {
      const s = await startServer({ store: await (await backend.newDatabase()).open() });
      try {
        results.push(await roundTrip(s));
      } finally {
        await s.close();
      }
    }
    const [onSqlite, onPostgres] = results;
    expect(onPostgres.total).toBe(plans.length);
    expect(onPostgres.job).toMatchObject({ status: 'done', total: plans.length, processed: plans.length });
    expect(onPostgres.job.results).toHaveLength(plans.length);
    expect(onPostgres.job.results.some((r) => r.changed)).toBe(true);
    // byte for byte: the order of the stored plans, the verdicts, the job's summary and rows
    expect(JSON.stringify(onPostgres)).toBe(JSON.stringify(onSqlite));
  }, 120_000);
});
