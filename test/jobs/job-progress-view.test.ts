import { describe, expect, it } from 'vitest';
import { jobWithProgress } from '../../server/src/services/impact/job-result.js';
import type { ImpactJobRecord, JobStatus } from '../../server/src/store/job-types.js';

/** What `GET /api/jobs/:id` answers from the stored job and the progress last heard from its worker. */
const job = (status: JobStatus, processed: number): ImpactJobRecord => ({
  id: 'j1',
  kind: 'scenario-batch',
  status,
  request: { scenarios: ['a'], rulebook: null, seed: 1 },
  total: 60,
  processed,
  createdAt: '2026-12-07T00:00:00Z',
  startedAt: '2026-12-07T00:00:01Z',
  finishedAt: status === 'done' || status === 'failed' ? '2026-12-07T00:01:00Z' : null,
  error: status === 'failed' ? 'boom' : null,
  summary: status === 'done' ? { runs: [] } : null,
  resumes: 0,
  workMs: 1000,
});
const heard = (done: number) => ({ done, total: 60, percent: (100 * done) / 60, etaMs: 500, elapsedMs: 1000 });

describe('a job as the API answers it', () => {
  it('a done job counts what the store counts, whatever progress is still on its way from the worker', () => {
    // the queue's last progress event (59) arrived after the worker stored the job as done (CI saw 59 of 60)
    const view = jobWithProgress(job('done', 60), heard(59));
    expect(view).toMatchObject({ status: 'done', processed: 60, percent: 100, etaMs: 0 });
  });

  it('a failed job counts what it stored, and has no time left', () => {
    expect(jobWithProgress(job('failed', 12), heard(13))).toMatchObject({ processed: 12, etaMs: null });
  });

  it('a running job shows the fresher of the two counts, with the worker’s estimate', () => {
    expect(jobWithProgress(job('running', 10), heard(14))).toMatchObject({ processed: 14, etaMs: 500 });
    // a resumed job whose first worker's progress is older than the checkpoint its successor stored
    expect(jobWithProgress(job('running', 20), heard(14))).toMatchObject({ processed: 20 });
    expect(jobWithProgress(job('running', 20), undefined)).toMatchObject({ processed: 20, etaMs: null });
  });
});
