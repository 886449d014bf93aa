import type { ImpactJobRecord, ImpactPlanRow } from '../../store/types.js';
import type { PlanImpact } from './compare.js';
import type { ImpactProgress } from './run.js';

/** What an impact job stores per plan and as its result, whichever process runs it (in-process or a queue worker). */
export const toRow = (p: PlanImpact): ImpactPlanRow => ({
  seq: p.seq,
  planKey: p.key,
  name: p.name,
  before: p.before,
  after: p.after,
  changed: p.changed,
  detail: { verdictChanged: p.verdictChanged, rules: p.rules, ...(p.issues && { issues: p.issues }) },
});

/** The stored summary is deterministic (it is the job's result); the time it took rides beside it. */
export const withDuration = (summary: unknown, workMs: number) =>
  summary !== null && typeof summary === 'object' && !('durationMs' in summary)
    ? { ...summary, durationMs: Math.round(workMs) }
    : summary;

/**
 * A stored job as `GET /api/jobs/:id` answers it, whatever its kind: while it runs, the progress heard live (here, or
 * from the queue's workers) over the stored counter, with percent and ETA; its summary with the time it took.
 */
export function jobWithProgress(job: ImpactJobRecord, live: ImpactProgress | undefined) {
  // Once the job has ended the store is the truth: the last progress heard from a worker may arrive after its final
  // write (a done batch read as 59 of 60). While it runs the counter only grows, whichever is fresher.
  const running = job.status === 'queued' || job.status === 'running';
  const processed = running && live ? Math.max(live.done, job.processed) : job.processed;
  const percent = job.status === 'done' ? 100 : job.total === 0 ? 0 : (100 * processed) / job.total;
  return {
    ...job,
    summary: withDuration(job.summary, job.workMs),
    processed,
    percent,
    etaMs: job.status === 'done' ? 0 : running ? (live?.etaMs ?? null) : null,
  };
}
