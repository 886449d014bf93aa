import { type ImpactResult, type ImpactSummary, operations } from '@sua-sandbox/rules/api';
import { FlightPlan } from '@sua-sandbox/rules/model';
import type { JobDone, JobProgress } from '@sua-sandbox/rules/protocol';
import { ApiError, call } from '../net/api.js';
import type { Connection } from '../net/socket.js';

export type { ImpactSummary };
/** One plan's before/after in an impact job. */
export type ImpactRow = ImpactResult;

export type Corpus = 'stored' | 'examples';

export interface ImpactOutcome {
  /** the corpus the rows come from: it decides where "Open" fetches a plan */
  corpus: Corpus;
  summary: ImpactSummary;
  rows: ImpactRow[];
}

/**
 * The plan behind an impact row. Stored plans are keyed by id (GET /api/plans/:id → {plan});
 * example plans by file name (`a1-mini-drone.json` → GET /api/examples/a1-mini-drone → the plan).
 */
export async function fetchImpactPlan(corpus: Corpus, row: ImpactRow): Promise<FlightPlan> {
  if (corpus === 'examples') {
    const key = row.planKey.replace(/\.json$/i, '');
    return FlightPlan.parse(await call(operations.getExample, { params: { key } }));
  }
  return (await call(operations.getPlan, { params: { id: row.planKey } })).plan;
}

/**
 * Start an impact job and follow it: progress over socket.io (`job:subscribe`, `job:progress`), with
 * polling of GET /api/jobs/:id as the fallback and for the final results.
 */
export async function runImpact(
  conn: Connection,
  draftId: string,
  corpus: Corpus,
  onProgress: (done: number, total: number, rowsSoFar: readonly ImpactRow[]) => void,
): Promise<ImpactOutcome> {
  const started = await call(operations.startImpact, { body: { draft: draftId, corpus } });
  const jobId = started.jobId;
  const onSocketProgress = (p: JobProgress) => {
    if (p.jobId === jobId) onProgress(p.done, p.total, rows);
  };
  let wake: (() => void) | undefined;
  const onDone = (d: JobDone) => {
    if (d.jobId === jobId) wake?.();
  };
  let rows: readonly ImpactRow[] = [];
  conn.socket.on('job:progress', onSocketProgress);
  conn.socket.on('job:done', onDone);
  if (conn.state === 'connected') void conn.call('job:subscribe', { jobId }).catch(() => undefined);
  try {
    for (;;) {
      // the changed plans written so far come with each poll, so they show while the job runs
      const job = await call(operations.getJob, {
        params: { id: jobId },
        query: { results: 'changed', limit: 20_000 },
      });
      if (job.kind !== 'impact') throw new ApiError(200, 'bad_response', `job ${jobId} is not an impact job`);
      rows = job.results ?? rows;
      onProgress(job.processed, job.total, rows);
      if (job.status === 'failed') throw new Error(job.error ?? 'the impact job failed');
      if (job.status === 'done') {
        if (!job.summary) throw new ApiError(200, 'bad_response', `impact job ${jobId} is done without a summary`);
        return { corpus, summary: job.summary, rows: [...rows] };
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 700);
      });
    }
  } finally {
    conn.socket.off('job:progress', onSocketProgress);
    conn.socket.off('job:done', onDone);
  }
}
