import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { ImpactBatchInput, ImpactBatchResult } from './batch.js';
import { type ImpactSummary, ImpactTally, type PlanImpact } from './compare.js';
import { type CorpusItem, type ImpactProgress, progressAt } from './run.js';

export interface BatchedRunOptions {
  base: Rulebook;
  target: Rulebook;
  permissions: readonly Permission[];
  /** evaluates one batch (in the worker pool); its totals come back with the batch's plans added */
  runBatch: (input: ImpactBatchInput) => Promise<ImpactBatchResult>;
  /**
   * Batches end where seq + 1 is a multiple of `batchSize` and at the last plan (fixed by plan index, so an
   * interrupted run and an uninterrupted one cut the corpus the same way).
   */
  batchSize: number;
  /** awaited after each batch, before the next starts: the checkpoint */
  onBatch: (batch: PlanImpact[], processed: number, tally: ImpactTally) => Promise<void>;
  onProgress?: (p: ImpactProgress) => void;
  /** stops the run between batches */
  signal?: AbortSignal;
  /** the seq of items[0]: a resumed job passes only what remains (default 0) */
  firstSeq?: number;
  /** totals carried over from a checkpoint (default: a new tally) */
  tally?: ImpactTally;
  now?: () => number;
}

/**
 * Runs a draft against its base over a corpus one batch at a time, each batch one task (off the event
 * loop with a thread pool). The totals travel with each batch as a tally snapshot, which restores exactly
 * (ImpactTally.restore), so the summary and rows are the same as one run on one thread.
 */
export async function runImpactBatches(
  items: readonly CorpusItem[],
  opts: BatchedRunOptions,
): Promise<{ summary: ImpactSummary; durationMs: number }> {
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const now = opts.now ?? (() => performance.now());
  const firstSeq = opts.firstSeq ?? 0;
  const t0 = now();
  let tally =
    opts.tally ??
    new ImpactTally(
      { id: opts.base.id, version: opts.base.version },
      { id: opts.target.id, version: opts.target.version },
    );
  const total = firstSeq + items.length;
  let done = firstSeq;
  const report = () => opts.onProgress?.(progressAt(done, firstSeq, total, now() - t0));
  const permissions = [...opts.permissions];
  while (done < total) {
    opts.signal?.throwIfAborted();
    const end = Math.min(total, (Math.floor(done / opts.batchSize) + 1) * opts.batchSize);
    const out = await opts.runBatch({
      base: opts.base,
      target: opts.target,
      permissions,
      items: items.slice(done - firstSeq, end - firstSeq),
      firstSeq: done,
      tally: tally.snapshot(),
    });
    if (out.impacts.length !== end - done)
      throw new Error(`the batch of plans ${done}–${end - 1} answered ${out.impacts.length} results`);
    tally = ImpactTally.restore(out.tally);
    done = end;
    report();
    await opts.onBatch(out.impacts, done, tally);
  }
  if (items.length === 0) report();
  return { summary: tally.summary(), durationMs: now() - t0 };
}
