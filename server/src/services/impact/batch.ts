import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import { ImpactTally, type PlanImpact, type TallyState } from './compare.js';
import { assessPlan, type CorpusItem } from './run.js';

/** One checkpoint batch of an impact job as plain data (it is structured-cloned to a worker thread). */
export interface ImpactBatchInput {
  base: Rulebook;
  target: Rulebook;
  permissions: Permission[];
  items: CorpusItem[];
  /** the seq of items[0] */
  firstSeq: number;
  /** the job's totals before this batch; the batch answers them with its plans added */
  tally: TallyState;
}

export interface ImpactBatchResult {
  impacts: PlanImpact[];
  tally: TallyState;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Evaluates one batch under both rulebooks, continuing the totals it is given. It yields every `sliceMs`
 * so that on the calling thread (in-process pool, or an airspace a worker cannot rebuild) a batch does not
 * hold the event loop; in a worker thread the yields cost next to nothing.
 */
export async function evaluateImpactBatch(
  input: ImpactBatchInput,
  airspace: ZoneIndex,
  opts: { sliceMs?: number } = {},
): Promise<ImpactBatchResult> {
  const sliceMs = opts.sliceMs ?? 15;
  const tally = ImpactTally.restore(input.tally);
  const ctx = { base: input.base, target: input.target, airspace, permissions: input.permissions };
  const impacts: PlanImpact[] = [];
  let sliceStart = performance.now();
  for (const [i, item] of input.items.entries()) {
    impacts.push(assessPlan(item, input.firstSeq + i, ctx, tally));
    if (i + 1 < input.items.length && performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return { impacts, tally: tally.snapshot() };
}
