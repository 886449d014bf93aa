import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FlightPlan, type FlightPlanInput } from '../../rules/src/model/plan.js';
import { buildIntentFromPlan, type IntentOptions } from '../../rules/src/traffic/build-intent.js';
import type { OperationalIntent } from '../../rules/src/traffic/intent.js';
import type { TrafficParams } from '../../rules/src/traffic/params.js';
import { loadTrafficParams } from '../../server/src/data/traffic.js';

/** Fresh copies each call: no shared mutable fixtures. */
export function createParams(): TrafficParams {
  return loadTrafficParams();
}

const PLAN_FILE = fileURLToPath(new URL('../../scenarios/plans/cyberport-cheung-chau-bvlos.json', import.meta.url));

/** The example Cyberport → Cheung Chau delivery (12 km BVLOS at 100 m AGL), starting at `start`. */
export function createDeliveryPlan(start = '2026-03-16T10:00:00+08:00', patch: Partial<FlightPlanInput> = {}) {
  const raw = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as FlightPlanInput;
  return FlightPlan.parse({ ...raw, ...patch, start });
}

export function createIntent(
  params: TrafficParams,
  opts: IntentOptions,
  start?: string,
  patch?: Partial<FlightPlanInput>,
): OperationalIntent {
  const r = buildIntentFromPlan(createDeliveryPlan(start, patch), params, opts);
  if (!r.ok) throw new Error(`fixture plan does not build: ${JSON.stringify(r.issues)}`);
  return r.intent;
}
