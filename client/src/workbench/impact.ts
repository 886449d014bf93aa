import { FlightPlan } from '@sua-sandbox/rules/model';
import type { JobDone, JobProgress } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';
import { api } from '../net/api.js';
import type { Connection } from '../net/socket.js';

const RuleTotals = z.looseObject({
  ruleId: z.string(),
  added: z.number(),
  removed: z.number(),
  plansAdded: z.number(),
  plansRemoved: z.number(),
  verdictChanges: z.number(),
});
export const ImpactSummary = z.looseObject({
  plans: z.number(),
  evaluated: z.number(),
  invalid: z.number(),
  changed: z.number(),
  verdictChanged: z.number(),
  transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
  rules: z.array(RuleTotals),
});
export type ImpactSummary = z.infer<typeof ImpactSummary>;

export const ImpactRow = z.looseObject({
  seq: z.number(),
  planKey: z.string(),
  name: z.string().nullable(),
  before: z.string(),
  after: z.string(),
  changed: z.boolean(),
  detail: z
    .looseObject({
      verdictChanged: z.boolean().optional(),
      rules: z.array(z.object({ ruleId: z.string(), added: z.number(), removed: z.number() })).optional(),
    })
    .optional(),
});
export type ImpactRow = z.infer<typeof ImpactRow>;

const Job = z.looseObject({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number(),
  processed: z.number(),
  error: z.string().nullable().optional(),
  summary: z.unknown().optional(),
  results: z.array(ImpactRow).optional(),
});

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
    return FlightPlan.parse(await api.get(`api/examples/${encodeURIComponent(key)}`));
  }
  const body = await api.get<{ plan?: unknown }>(`api/plans/${encodeURIComponent(row.planKey)}`);
  return FlightPlan.parse(body.plan);
}

/**
 * Start an impact job and follow it: progress over socket.io (`job:subscribe`, `job:progress`), with
 * polling of GET /api/jobs/:id as the fallback and for the final results.
 */
export async function runImpact(
  conn: Connection,
  draftId: string,
  corpus: Corpus,
  onProgress: (done: number, total: number) => void,
): Promise<ImpactOutcome> {
  const started = await api.post<{ jobId: string }>('api/impact', { draft: draftId, corpus });
  const jobId = started.jobId;
  const onSocketProgress = (p: JobProgress) => {
    if (p.jobId === jobId) onProgress(p.done, p.total);
  };
  let wake: (() => void) | undefined;
  const onDone = (d: JobDone) => {
    if (d.jobId === jobId) wake?.();
  };
  conn.socket.on('job:progress', onSocketProgress);
  conn.socket.on('job:done', onDone);
  if (conn.state === 'connected') void conn.call('job:subscribe', { jobId }).catch(() => undefined);
  try {
    for (;;) {
      const job = Job.parse(await api.get(`api/jobs/${encodeURIComponent(jobId)}?results=all`));
      onProgress(job.processed, job.total);
      if (job.status === 'failed') throw new Error(job.error ?? 'the impact job failed');
      if (job.status === 'done') {
        return { corpus, summary: ImpactSummary.parse(job.summary), rows: job.results ?? [] };
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 1000);
      });
    }
  } finally {
    conn.socket.off('job:progress', onSocketProgress);
    conn.socket.off('job:done', onDone);
  }
}
