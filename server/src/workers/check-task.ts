import type { Permission, Report } from '@sua-sandbox/rules/model';
import { type CheckBudgets, type CheckRefusal, checkResolved, type ResolvedCheck } from '../services/check.js';
import type { AirspaceCache, AirspaceRef, NeedAirspace } from './airspace-cache.js';

/** Everything one check needs, as plain data (it is structured-cloned to a worker). */
export interface CheckTaskInput extends ResolvedCheck {
  permissions: Permission[];
  airspace: AirspaceRef;
  budgets: CheckBudgets;
}

export type CheckTaskOutput = { ok: true; report: Report } | CheckRefusal | NeedAirspace;

/** The check task: the shared checkResolved against the airspace the worker holds for `input.airspace`. */
export function checkTask(input: CheckTaskInput, ctx: { airspace: AirspaceCache }): CheckTaskOutput {
  const index = ctx.airspace.get(input.airspace);
  if (!index) return { ok: false, kind: 'need-airspace', key: input.airspace.key };
  const out = checkResolved(input, { airspace: index, permissions: input.permissions, budgets: input.budgets });
  // the validated plan and rulebook stay here: the caller has them and they can be large
  return out.ok ? { ok: true, report: out.report } : out;
}
