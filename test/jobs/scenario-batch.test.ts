import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../server/src/cli/commands/run.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { seedPrincipal } from '../server/principals.js';

interface Run {
  scenario: string;
  seed: number;
  rulebook: string;
  steps: number;
  simulatedMs: number;
  flights: { total: number; byOutcome: Record<string, number> };
  findings: { total: number; byRule: Record<string, number>; byEffect: Record<string, number> };
  events: number;
  eventsSha256: string;
}
interface BatchJob {
  id: string;
  kind: string;
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
  request: unknown;
  summary: { runs: Run[]; durationMs?: number } | null;
}

let server: TestServer;
let ids: string[];

/** Polls the job until it ends. No timing assertion: a generous cap. */
async function finished(jobId: string): Promise<BatchJob> {
  for (let i = 0; i < 3_000; i++) {
    const job = (await call<BatchJob>(server.url, 'GET', `/api/jobs/${jobId}`)).body;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

async function runBatch(body: unknown): Promise<BatchJob> {
  const started = await call<{ jobId: string; href: string }>(server.url, 'POST', '/api/scenario-batches', {
    json: body,
  });
  expect(started.status, started.text).toBe(202);
  expect(started.body.href).toBe(`/api/jobs/${started.body.jobId}`);
  return finished(started.body.jobId);
}

/** Jobs in the store (any kind), straight from the database file. */
function storedJobs(): number {
  const db = new BetterSqlite3(path.join(server.dir, 'sua-sandbox.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM impact_jobs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const withoutDuration = (job: BatchJob) => job.summary?.runs;

beforeAll(async () => {
  server = await startServer();
  ids = (await call<{ id: string }[]>(server.url, 'GET', '/api/scenarios')).body.map((s) => s.id);
});
afterAll(() => server.close());

describe('batch scenario runs (in-process, no REDIS_URL)', () => {
  it('runs each scenario to its end and gives what `sua-sandbox run` gives, findings per rule', async () => {
    const picked = ids.slice(0, 3);
    const job = await runBatch({ scenarios: picked, seed: 11 });
    expect(job).toMatchObject({ kind: 'scenario-batch', status: 'done', processed: 3, total: 3, error: null });
    expect(job.request).toEqual({ scenarios: picked, rulebook: null, seed: 11 });
    const runs = job.summary?.runs ?? [];
    expect(runs.map((r) => r.scenario)).toEqual(picked);
    for (const [i, run] of runs.entries()) {
      // the CLI's run, its progress bar silenced
      const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const { result } = await runCommand(picked[i], { speed: 'max', seed: '11' }).finally(() => quiet.mockRestore());
      const byRule: Record<string, number> = {};
      for (const f of result.flights)
        for (const x of f.findings) byRule[x.finding.ruleId] = (byRule[x.finding.ruleId] ?? 0) + 1;
      expect(run.findings.byRule, picked[i]).toEqual(byRule);
      expect(run.rulebook).toBe(result.rulebook);
      expect(run.steps).toBe(result.steps);
      expect(run.seed).toBe(11);
      expect(run.flights.total).toBe(result.flights.length);
      expect(run.eventsSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(run.simulatedMs).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same batch gives the same summaries; another seed another event stream', async () => {
    const body = { scenarios: [ids[3], ids[3], ids[4]], seed: 5 };
    const a = await runBatch(body);
    const b = await runBatch(body);
    expect(withoutDuration(a)).toEqual(withoutDuration(b));
    expect(a.summary?.runs[0]).toEqual(a.summary?.runs[1]);
    const other = await runBatch({ ...body, seed: 6 });
    const hashes = (j: BatchJob) => j.summary?.runs.map((r) => r.eventsSha256);
    expect(hashes(other)).not.toEqual(hashes(a));
  });

  it('runs under a rulebook id or a draft', async () => {
    const rulebook = (await call<{ id: string }[]>(server.url, 'GET', '/api/rulebooks')).body[0].id;
    const job = await runBatch({ scenarios: [ids[0]], rulebook });
    expect(job.summary?.runs[0].rulebook.startsWith(`${rulebook}@`)).toBe(true);
    const draft = await runBatch({ scenarios: [ids[0]], rulebook: 'draft:a2-height-400ft' });
    expect(draft.status).toBe('done');
  });

  it('400 naming the unknown scenario ids by position, 404 for an unknown rulebook; nothing stored', async () => {
    const before = storedJobs();
    const bad = await call<ErrorReply>(server.url, 'POST', '/api/scenario-batches', {
      json: { scenarios: [`${ids[0]}-nope`, ids[0], 'nope'] },
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(['body.scenarios.0', 'body.scenarios.2']);
    const empty = await call<ErrorReply>(server.url, 'POST', '/api/scenario-batches', { json: { scenarios: [] } });
    expect(empty.status).toBe(400);
    expect(issuePaths(empty.body)).toEqual(['body.scenarios']);
    const seed = await call<ErrorReply>(server.url, 'POST', '/api/scenario-batches', {
      json: { scenarios: [ids[0]], seed: 1.5 },
    });
    expect(issuePaths(seed.body)).toEqual(['body.seed']);
    const rulebook = await call<ErrorReply>(server.url, 'POST', '/api/scenario-batches', {
      json: { scenarios: [ids[0]], rulebook: 'no-such-rulebook' },
    });
    expect(rulebook.status).toBe(404);
    expect(storedJobs()).toBe(before);
  });

  it('is the regulator’s: 403 for an applicant or a viewer, 401 anonymous; nothing stored', async () => {
    const before = storedJobs();
    const body = { scenarios: [ids[0]] };
    for (const role of ['applicant', 'viewer'] as const) {
      const { headers } = await seedPrincipal(server.store, role);
      const r = await call<ErrorReply>(server.url, 'POST', '/api/scenario-batches', { json: body, headers });
      expect(r.status, role).toBe(403);
    }
    const anon = await call(server.url, 'POST', '/api/scenario-batches', { json: body, anonymous: true });
    expect(anon.status).toBe(401);
    const { headers } = await seedPrincipal(server.store, 'regulator');
    const ok = await call(server.url, 'POST', '/api/scenario-batches', { json: body, headers });
    expect(ok.status).toBe(202);
    expect(storedJobs()).toBe(before + 1);
  });
});

describe('batch scenario runs across a server stop (in-process)', () => {
  it('a batch stopped with its server continues at the next start from its last finished scenario, with the uninterrupted result', async () => {
    const body = { scenarios: Array.from({ length: 24 }, (_, i) => ids[i % ids.length]), seed: 9 };
    const want = await runBatch(body);
    expect(want.status).toBe('done');

    const first = await startServer();
    const { jobId } = (await call<{ jobId: string }>(first.url, 'POST', '/api/scenario-batches', { json: body })).body;
    for (let i = 0; i < 2_000; i++) {
      const seen = (await call<BatchJob>(first.url, 'GET', `/api/jobs/${jobId}`)).body;
      if (seen.processed >= 1 || seen.status === 'done' || seen.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await first.close();
    const stored = await (async () => {
      const store = await openSqliteStore({ file: path.join(first.dir, 'sua-sandbox.db') });
      try {
        return await store.jobs.get(jobId);
      } finally {
        await store.close();
      }
    })();
    expect(stored?.status, 'the batch must be stopped part-way for this test').toBe('running');
    expect(stored?.processed).toBeGreaterThan(0);
    expect(stored?.processed).toBeLessThan(24);

    const second = await startServer({ dir: first.dir });
    try {
      let end: BatchJob | undefined;
      for (let i = 0; i < 3_000; i++) {
        end = (await call<BatchJob>(second.url, 'GET', `/api/jobs/${jobId}`)).body;
        if (end.status === 'done' || end.status === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(end).toMatchObject({ status: 'done', processed: 24, resumes: 1 });
      expect(end?.summary?.runs).toEqual(want.summary?.runs);
    } finally {
      await second.close();
    }
  });
});
