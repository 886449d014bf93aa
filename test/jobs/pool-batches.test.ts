import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyDraft } from '../../rules/src/engine/index.js';
import { DEFAULT_BUDGETS } from '../../server/src/budgets.js';
import { runImpact } from '../../server/src/services/impact/run.js';
import { createInProcessPool, createThreadPool, type WorkPool, WorkTaskError } from '../../server/src/workers/pool.js';
import { builtinData, call, startServer, type TestServer } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { waitFor } from './main-process.js';

/**
 * Impact jobs evaluate each checkpoint batch as one worker-pool task: a real thread pool stores exactly the
 * result of the in-process pool and of a plain one-thread run, and a batch over its budget fails the job
 * with the reason while the batches before it stay checkpointed.
 */

const DRAFT_ID = 'a2-height-400ft';
const PLANS = 250;

interface Job {
  status: string;
  processed: number;
  total: number;
  error: string | null;
}

/** The job's stored result as the database holds it: the summary text and every result row in seq order. */
function storedResult(s: TestServer, jobId: string) {
  const db = new BetterSqlite3(path.join(s.dir, 'sua-sandbox.db'), { readonly: true });
  try {
    const job = db.prepare('SELECT status, processed, summary, error FROM impact_jobs WHERE id = ?').get(jobId) as {
      status: string;
      processed: number;
      summary: string | null;
      error: string | null;
    };
    const rows = db
      .prepare(
        'SELECT seq, plan_key, name, before, after, changed, detail FROM impact_results WHERE job_id = ? ORDER BY seq',
      )
      .all(jobId);
    return { ...job, rows: JSON.stringify(rows), rowCount: rows.length };
  } finally {
    db.close();
  }
}

async function runJob(s: TestServer, request: unknown): Promise<{ jobId: string; job: Job }> {
  const started = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', { json: request });
  expect(started.status, started.text).toBe(202);
  const { jobId } = started.body;
  const job = await waitFor(
    () => call<Job>(s.url, 'GET', `/api/jobs/${jobId}?results=none`).then((r) => r.body),
    (j) => j.status === 'done' || j.status === 'failed',
    `impact job ${jobId}`,
  );
  return { jobId, job };
}

const plans: unknown[] = generatePlans(PLANS, 7, { maxRouteM: 2000 });
plans[42] = { id: 'broken', route: 'nowhere' }; // the invalid path takes part too
const request = { draft: DRAFT_ID, corpus: { plans } };

describe('impact batches in a real thread pool', () => {
  let pool: WorkPool;
  const tasks: string[] = [];
  let threaded: TestServer;
  let inProcess: TestServer;
  beforeAll(async () => {
    pool = createThreadPool({ threads: 1, budgets: DEFAULT_BUDGETS });
    await pool.ready();
    const counting: WorkPool = {
      kind: pool.kind,
      ready: () => pool.ready(),
      close: () => pool.close(),
      run(task, input, opts) {
        tasks.push(task);
        return pool.run(task, input, opts);
      },
    };
    [threaded, inProcess] = await Promise.all([startServer({ deps: { pool: counting } }), startServer()]);
  });
  afterAll(async () => {
    await Promise.all([threaded.close(), inProcess.close()]);
    await pool.close();
  });

  it('stores the identical result as the in-process pool and as a one-thread run', async () => {
    const [a, b] = await Promise.all([runJob(threaded, request), runJob(inProcess, request)]);
    expect(a.job).toMatchObject({ status: 'done', processed: PLANS, total: PLANS });
    expect(b.job).toMatchObject({ status: 'done', processed: PLANS, total: PLANS });
    const got = storedResult(threaded, a.jobId);
    const want = storedResult(inProcess, b.jobId);
    expect(got.rowCount).toBe(PLANS);
    // three batches went through the threads (the first twice: its worker asked for the airspace)
    expect(tasks.filter((t) => t === 'impact-batch')).toHaveLength(4);
    expect(got.summary).toBe(want.summary);
    expect(got.rows).toBe(want.rows);

    // and the summary of the plain, sliced run on this thread (no pool, no tally crossing threads)
    const { catalogue, rulebooks, drafts, permissions } = builtinData();
    const draft = drafts?.find((d) => d.id === DRAFT_ID);
    const base = rulebooks.find((r) => r.id === draft?.base);
    if (!draft || !base) throw new Error('built-in draft or base missing');
    const applied = applyDraft(base, draft);
    if (!applied.ok) throw new Error('draft does not apply');
    const plain = await runImpact(
      plans.map((plan, i) => {
        const p = plan as { id?: unknown; name?: unknown };
        return {
          key: typeof p.id === 'string' ? p.id : `upload#${i}`,
          name: typeof p.name === 'string' ? p.name : null,
          plan,
        };
      }),
      {
        base,
        target: applied.rulebook,
        airspace: buildZoneIndex(catalogue.zones, { version: catalogue.version }),
        permissions: permissions ?? [],
      },
    );
    expect(got.summary).toBe(JSON.stringify(plain.summary));
    const rows = JSON.parse(got.rows) as { seq: number; plan_key: string; before: string; after: string }[];
    expect(rows.map((r) => [r.seq, r.plan_key, r.before, r.after])).toEqual(
      plain.plans.map((p) => [p.seq, p.key, p.before, p.after]),
    );
    expect(plain.summary.invalid).toBe(1);
    expect(plain.summary.changed).toBeGreaterThan(0);
  }, 300_000);
});

describe('a batch over its budget', () => {
  let s: TestServer;
  let refusedAt: number[] = [];
  beforeAll(async () => {
    const inner = createInProcessPool(DEFAULT_BUDGETS);
    // the third batch (plans 200–249) is refused as a real pool refuses a task past its time budget
    const overBudget: WorkPool = {
      kind: 'in-process',
      ready: () => inner.ready(),
      close: () => inner.close(),
      run(task, input, opts) {
        const firstSeq = typeof input === 'object' && input !== null && 'firstSeq' in input ? input.firstSeq : null;
        if (task === 'impact-batch' && firstSeq === 200) {
          refusedAt.push(firstSeq);
          return Promise.reject(new WorkTaskError('impact-batch', 'timeout', DEFAULT_BUDGETS));
        }
        return inner.run(task, input, opts);
      },
    };
    s = await startServer({ deps: { pool: overBudget } });
  });
  afterAll(() => s.close());

  it('fails the job naming the batch and the budget, keeping the checkpoints before it', async () => {
    refusedAt = [];
    const { jobId, job } = await runJob(s, request);
    expect(refusedAt).toEqual([200]);
    const message =
      'the batch of plans 200–249 failed: the impact-batch task did not finish in time; ' +
      `the limit is ${DEFAULT_BUDGETS.taskMs} (milliseconds per task)`;
    expect(job).toMatchObject({ status: 'failed', error: message, processed: 200 });
    const stored = storedResult(s, jobId);
    expect(stored).toMatchObject({ status: 'failed', processed: 200, error: message, summary: null });
    expect(stored.rowCount).toBe(200);
  }, 300_000);
});
