import type { ScenarioRunSummary } from '@sua-sandbox/rules/api';
import { runScenarioToEnd, type ScenarioRunInput } from '../services/batch-runs/run-scenario.js';
import type { AirspaceCache, AirspaceRef, NeedAirspace } from './airspace-cache.js';

/** One scenario of a batch run with the airspace by reference (the worker keeps the built index). */
export interface ScenarioRunTaskInput extends ScenarioRunInput {
  airspace: AirspaceRef;
}

export type ScenarioRunTaskOutput = ({ ok: true } & ScenarioRunSummary) | NeedAirspace;

/** The scenario-run task: a shipped scenario flown headless to its end against the airspace the worker holds. */
export async function scenarioRunTask(
  input: ScenarioRunTaskInput,
  ctx: { airspace: AirspaceCache },
): Promise<ScenarioRunTaskOutput> {
  const index = ctx.airspace.get(input.airspace);
  if (!index) return { ok: false, kind: 'need-airspace', key: input.airspace.key };
  const { airspace: _ref, ...run } = input;
  return { ok: true, ...(await runScenarioToEnd(run, index)) };
}
