import type { ImpactPlanRow } from '../../store/types.js';
import type { PlanImpact } from './compare.js';

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
