import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_SIZE } from '../../server/src/services/impact/jobs.js';
import { call, tempDir } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';
import { type MainProcess, startMainAsAdmin, waitFor } from './main-process.js';

const DRAFT_ID = 'a2-height-400ft';
const PLANS = 2000;

interface Job {
  status: string;
  processed: number;
  total: number;
  resumes: number;
  error: string | null;
}

/** The job's stored result, as the database holds it: the summary text and every result row, in seq order. */
function storedResult(dbFile: string, jobId: string) {
  const db = new BetterSqlite3(dbFile);
  try {
    const job = db.prepare('SELECT status, processed, summary FROM impact_jobs WHERE id = ?').get(jobId) as {
      status: string;
      processed: number;
      summary: string | null;
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

const getJob = (url: string, id: string) => call<Job>(url, 'GET', `/api/jobs/${id}?results=none`).then((r) => r.body);

async function stop(m: MainProcess) {
  m.child.kill('SIGTERM');
  expect(await m.exited).toBe(0);
}

describe('resumable impact jobs (real server processes)', () => {
  it('a job killed with kill -9 mid-way resumes at restart from its last checkpoint and stores exactly the uninterrupted result', async () => {
    const dir = tempDir('sua-resume-');
    const dbFile = path.join(dir, 'sua-sandbox.db');
    const plans = generatePlans(PLANS, 7, { maxRouteM: 2000 });
    const request = { draft: DRAFT_ID, corpus: { plans } };

    const first = await startMainAsAdmin(dir);
    const url1 = await first.listening;
    const started = await call<{ jobId: string }>(url1, 'POST', '/api/impact', { json: request });
    expect(started.status).toBe(202);
    const jobId = started.body.jobId;
    // wait until at least two batches are checkpointed, then kill without warning
    const seen = await waitFor(
      () => getJob(url1, jobId),
      (j) => j.processed >= 2 * DEFAULT_BATCH_SIZE + 50 || j.status === 'done' || j.status === 'failed',
      'progress',
      { everyMs: 5 },
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(seen.status, 'the job ended before it could be interrupted').toBe('running');
    console.log(`[resume] killed at ${seen.processed} of ${PLANS} plans evaluated`);

    // what the kill left: a running job, checkpointed at a batch boundary, rows and counter in step
    const atKill = storedResult(dbFile, jobId);
    expect(atKill.status).toBe('running');
    expect(atKill.processed).toBeGreaterThan(0);
    expect(atKill.processed).toBeLessThan(PLANS);
    expect(atKill.processed % DEFAULT_BATCH_SIZE).toBe(0);
    expect(atKill.rowCount).toBe(atKill.processed);

    const second = await startMainAsAdmin(dir);
    try {
      const url2 = await second.listening;
      const resumed = await waitFor(
        () => getJob(url2, jobId),
        (j) => j.status === 'done' || j.status === 'failed',
        'the resumed job',
      );
      expect(resumed).toMatchObject({ status: 'done', processed: PLANS, total: PLANS, resumes: 1, error: null });
      // it continued from the checkpoint rather than starting over
      expect(second.output()).toMatch(
        new RegExp(`"jobId":"${jobId}","from":${atKill.processed},"total":${PLANS}.*resumed from its last checkpoint`),
      );

      // the same request, uninterrupted, on the same server
      const ref = await call<{ jobId: string }>(url2, 'POST', '/api/impact', { json: request });
      await waitFor(
        () => getJob(url2, ref.body.jobId),
        (j) => j.status === 'done' || j.status === 'failed',
        'the reference job',
      );
      const got = storedResult(dbFile, jobId);
      const want = storedResult(dbFile, ref.body.jobId);
      expect(want.status).toBe('done');
      expect(want.rowCount).toBe(PLANS);
      expect(got.summary).toBe(want.summary);
      expect(got.rows).toBe(want.rows);
      expect(got.processed).toBe(want.processed);
    } finally {
      await stop(second);
    }
  }, 600_000);
});
