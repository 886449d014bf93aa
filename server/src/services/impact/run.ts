import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import { evaluate, validatePlan } from '@sua-sandbox/rules/engine';
import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import { comparePlan, type ImpactSummary, ImpactTally, type PlanImpact } from './compare.js';

/** One plan of a corpus: `plan` is unvalidated input (uploads and files may be wrong). */
export interface CorpusItem {
  key: string;
  name: string | null;
  plan: unknown;
}

export interface ImpactProgress {
  done: number;
  total: number;
  /** 0–100 */
  percent: number;
  /** estimated time left, from the rate so far; null before the first chunk */
  etaMs: number | null;
  elapsedMs: number;
}

/** A run of plans `firstSeq` to `total` (exclusive) at `done`, `elapsedMs` in: the time left at the pace so far. */
export function progressAt(done: number, firstSeq: number, total: number, elapsedMs: number): ImpactProgress {
  const ran = done - firstSeq;
  const etaMs = ran === 0 ? null : Math.round((elapsedMs / ran) * (total - done));
  return { done, total, percent: total === 0 ? 100 : (100 * done) / total, etaMs, elapsedMs };
}

export interface ImpactRunOptions {
  base: Rulebook;
  target: Rulebook;
  /** the shared airspace; zones a rulebook or draft adds or withdraws are applied by the engine */
  airspace: ZoneIndex;
  permissions: readonly Permission[];
  onProgress?: (p: ImpactProgress) => void;
  /** work this long before yielding to the event loop (default 15 ms) */
  sliceMs?: number;
  /** stops the run between slices */
  signal?: AbortSignal;
  now?: () => number;
  /** the seq of items[0]: a resumed job passes only what remains (default 0) */
  firstSeq?: number;
  /** totals carried over from a checkpoint (default: a new tally) */
  tally?: ImpactTally;
  /**
   * Checkpoints: batches end where seq + 1 is a multiple of `batchSize` (fixed by plan index, so an
   * interrupted run and an uninterrupted one cut the corpus the same way) and at the last plan.
   * `onBatch` is awaited before the next batch starts; with it, the per-plan results are not kept.
   */
  batchSize?: number;
  onBatch?: (batch: PlanImpact[], processed: number, tally: ImpactTally) => Promise<void>;
}

export interface ImpactRunResult {
  summary: ImpactSummary;
  plans: PlanImpact[];
  durationMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Evaluates one corpus item under both rulebooks (shared by the API jobs and the CLI). */
export function assessPlan(
  item: CorpusItem,
  seq: number,
  ctx: { base: Rulebook; target: Rulebook; airspace: ZoneIndex; permissions: Permission[] },
  tally: ImpactTally,
): PlanImpact {
  const checked = validatePlan(item.plan);
  const head = { seq, key: item.key, name: item.name };
  if (!checked.ok) {
    const impact: PlanImpact = {
      ...head,
      before: 'invalid',
      after: 'invalid',
      verdictChanged: false,
      changed: false,
      rules: [],
      issues: checked.issues,
    };
    tally.add(impact);
    return impact;
  }
  const plan = checked.plan;
  const before = evaluate(plan, { rulebook: ctx.base, airspace: ctx.airspace, permissions: ctx.permissions });
  const after = evaluate(plan, { rulebook: ctx.target, airspace: ctx.airspace, permissions: ctx.permissions });
  const impact = comparePlan({ ...head, name: item.name ?? plan.name ?? null }, before, after);
  tally.add(impact, before, after);
  return impact;
}

/**
 * Runs a draft (target) against its base over a corpus, in time slices with `setImmediate` between them,
 * so a server stays responsive while a long job runs.
 */
export async function runImpact(items: readonly CorpusItem[], opts: ImpactRunOptions): Promise<ImpactRunResult> {
  const now = opts.now ?? (() => performance.now());
  const sliceMs = opts.sliceMs ?? 15;
  const firstSeq = opts.firstSeq ?? 0;
  const batchSize = opts.batchSize ?? Number.POSITIVE_INFINITY;
  const t0 = now();
  const ctx = {
    base: opts.base,
    target: opts.target,
    airspace: opts.airspace,
    permissions: [...opts.permissions],
  };
  const tally =
    opts.tally ??
    new ImpactTally(
      { id: opts.base.id, version: opts.base.version },
      { id: opts.target.id, version: opts.target.version },
    );
  const plans: PlanImpact[] = [];
  let batch: PlanImpact[] = [];
  const total = firstSeq + items.length;
  let done = firstSeq;
  const report = () => opts.onProgress?.(progressAt(done, firstSeq, total, now() - t0));
  const batchEnds = (seq: number) => (seq + 1) % batchSize === 0 || seq + 1 === total;
  let i = 0;
  while (i < items.length) {
    opts.signal?.throwIfAborted();
    const sliceStart = now();
    let cut = false;
    do {
      const seq = firstSeq + i;
      const impact = assessPlan(items[i], seq, ctx, tally);
      if (opts.onBatch) batch.push(impact);
      else plans.push(impact);
      i++;
      done++;
      cut = batchEnds(seq);
    } while (i < items.length && !cut && now() - sliceStart < sliceMs);
    report();
    if (cut && opts.onBatch) {
      await opts.onBatch(batch, done, tally);
      batch = [];
    }
    if (i < items.length) await yieldToEventLoop();
  }
  if (items.length === 0) report();
  return { summary: tally.summary(), plans, durationMs: now() - t0 };
}
