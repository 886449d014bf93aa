import { evaluateImpactBatch, type ImpactBatchInput, type ImpactBatchResult } from '../services/impact/batch.js';
import type { AirspaceCache, AirspaceRef, NeedAirspace } from './airspace-cache.js';

/** One impact-job batch with the airspace by reference (the worker keeps the built index). */
export interface ImpactBatchTaskInput extends ImpactBatchInput {
  airspace: AirspaceRef;
}

export type ImpactBatchTaskOutput = ({ ok: true } & ImpactBatchResult) | NeedAirspace;

/** The impact-batch task: the shared batch evaluation against the airspace the worker holds. */
export async function impactBatchTask(
  input: ImpactBatchTaskInput,
  ctx: { airspace: AirspaceCache },
): Promise<ImpactBatchTaskOutput> {
  const index = ctx.airspace.get(input.airspace);
  if (!index) return { ok: false, kind: 'need-airspace', key: input.airspace.key };
  const { airspace: _ref, ...batch } = input;
  return { ok: true, ...(await evaluateImpactBatch(batch, index)) };
}
