import type { Rulebook } from '../model/index.js';

/**
 * The enacted or amended rulebook in force on `asOfDate` ("YYYY-MM-DD"): the latest commencement on or
 * before that date. Drafts are never "in force".
 */
export function rulebookInForce(rulebooks: readonly Rulebook[], asOfDate: string): Rulebook | undefined {
  const day = asOfDate.slice(0, 10);
  let best: Rulebook | undefined;
  for (const rb of rulebooks) {
    if (rb.status === 'draft' || rb.commencement > day) continue;
    if (!best || rb.commencement > best.commencement) best = rb;
  }
  return best;
}
