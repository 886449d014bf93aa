/**
 * Issue 10, one server per data directory and resumable impact jobs, with real processes: a second server on
 * the same DATA_DIR exits 2 naming the lock; an impact job interrupted by `kill -9` finishes after a restart
 * with exactly the result of an uninterrupted run.
 */

import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { api, describeExit, type ServerHandle, spawnRaw, startServer, tempDir, waitListening } from './harness.js';
import { impactCorpus } from './payloads.js';

const started: ServerHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dataDir?: string): Promise<ServerHandle> {
  const s = await startServer(dataDir ? { dataDir } : {});
  started.push(s);
  return s;
}

describe('one server per DATA_DIR', () => {
  it('a second server on the same DATA_DIR exits 2 naming the lock; the first keeps serving', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await start(dir);
    const second = spawnRaw({ dataDir: dir });
    started.push(second);
    const listening = await Promise.race([
      waitListening(second, 60_000).then(() => true),
      second.exited.then(() => false),
    ]).catch(() => false);
    expect(listening, `the second server started listening on ${second.url}`).toBe(false);
    const exit = await second.exited;
    expect(exit.code, describeExit(second)).toBe(2);
    expect(second.stderr() + second.stdout()).toMatch(/lock/i);
    expect((await api(first.url, 'GET', '/api/health')).status).toBe(200);
  }, 90_000);
});

interface Job {
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  error: string | null;
  summary: unknown;
  results?: unknown[];
}

const CORPUS = impactCorpus(600);
const REQUEST = { draft: 'a2-height-400ft', corpus: { plans: CORPUS } };

/** Polls the job until it is done or failed (bounded: two minutes). */
async function finished(s: ServerHandle, id: string): Promise<Job> {
  for (let i = 0; i < 1200; i++) {
    const j = await api<Job>(s.url, 'GET', `/api/jobs/${id}?results=none`);
    if (j.body.status === 'done' || j.body.status === 'failed') return j.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish within two minutes`);
}

async function outcome(s: ServerHandle, id: string) {
  const job = await finished(s, id);
  const all = await api<Job>(s.url, 'GET', `/api/jobs/${id}?results=all&limit=20000`);
  // how long a run took is the one thing an interrupted run may differ in
  const { durationMs: _took, ...summary } = (all.body.summary ?? {}) as Record<string, unknown>;
  return { status: job.status, error: job.error, total: job.total, summary, results: all.body.results };
}

describe('resumable impact jobs', () => {
  it('kill -9 mid-job, restart on the same DATA_DIR: the job finishes with exactly the uninterrupted result', async () => {
    const dir = tempDir();
    dirs.push(dir);
    // the uninterrupted reference runs alongside, on its own server and data directory
    const [first, reference] = await Promise.all([start(dir), start()]);
    const uninterrupted = await api<{ jobId: string }>(reference.url, 'POST', '/api/impact', { json: REQUEST });
    const job = await api<{ jobId: string }>(first.url, 'POST', '/api/impact', { json: REQUEST });
    expect(job.status, job.text).toBe(202);
    let atKill: Job | undefined;
    for (let i = 0; i < 2000; i++) {
      const j = await api<Job>(first.url, 'GET', `/api/jobs/${job.body.jobId}?results=none`);
      if (j.body.processed > 0 || j.body.status === 'done') {
        atKill = j.body;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    expect(atKill?.status, 'the job was interrupted part-way (make the corpus bigger if not)').toBe('running');
    expect(atKill?.processed).toBeLessThan(CORPUS.length);

    const restarted = await start(dir);
    const resumed = await outcome(restarted, job.body.jobId);
    expect(resumed.status, resumed.error ?? '').toBe('done');

    const expected = await outcome(reference, uninterrupted.body.jobId);
    expect(expected.status).toBe('done');
    expect(resumed.total).toBe(expected.total);
    expect(resumed.results).toEqual(expected.results);
    expect(resumed.summary).toEqual(expected.summary);
  }, 150_000);
});
