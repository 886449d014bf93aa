import { validatePlan } from '@sua-sandbox/rules/engine';
import type { Draft } from '@sua-sandbox/rules/model';
import {
  applyTrafficChanges,
  compareTraffic,
  type TrafficData,
  type TrafficImpact,
  type TrafficPlan,
  trafficChangesOf,
} from '@sua-sandbox/rules/traffic';
import { loadRouteNetwork, loadTrafficParams } from '../../data/traffic.js';
import { badRequest } from '../../errors.js';
import type { WorkPool } from '../../workers/pool.js';

/**
 * The traffic side of an impact run (issue 16 item 5): only for a draft with `set-traffic-parameter`
 * changes; a rulebook-only draft's job and summary stay as they were. The base traffic data is the
 * server's (rules/data/traffic); the draft's is the base with the changes applied.
 */
export interface JobTraffic {
  base: TrafficData;
  draft: TrafficData;
  changes: string[];
}

let builtin: TrafficData | undefined;
/** rules/data/traffic, read once */
export function builtinTraffic(): TrafficData {
  builtin ??= { params: loadTrafficParams(), network: loadRouteNetwork() };
  return builtin;
}

/** The draft's traffic data, or undefined for a rulebook-only draft; a bad value is a 400 naming the field. */
export function jobTraffic(draft: Draft, base: TrafficData, prefix: (string | number)[] = []): JobTraffic | undefined {
  if (trafficChangesOf(draft.changes).length === 0) return undefined;
  const r = applyTrafficChanges(base, draft.changes);
  if (!r.ok)
    throw badRequest(
      `the draft "${draft.id}" sets invalid traffic parameters: ${r.issues.map((i) => i.message).join('; ')}`,
      r.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })),
    );
  return { base, draft: r.data, changes: r.changed };
}

/** Before/after traffic figures over the whole corpus (invalid plans are counted as skipped). */
export function trafficImpactOf(traffic: JobTraffic, items: readonly { key: string; plan: unknown }[]): TrafficImpact {
  const plans: TrafficPlan[] = [];
  for (const it of items) {
    const v = validatePlan(it.plan);
    if (v.ok) plans.push({ key: it.key, plan: v.plan });
  }
  return compareTraffic(plans, traffic.base, traffic.draft, traffic.changes, items.length - plans.length);
}

/** The job's stored summary: the rulebook tally, plus `traffic` when the draft trials traffic parameters. */
export async function finalSummary<S extends object>(
  summary: S,
  traffic: JobTraffic | undefined,
  corpus: () => Promise<readonly { key: string; plan: unknown }[]>,
  pool: WorkPool,
): Promise<S | (S & { traffic: TrafficImpact })> {
  if (!traffic) return summary;
  // the whole corpus, twice: heavy work, so a pool task (a worker thread), never the event loop
  return { ...summary, traffic: await pool.run('traffic-impact', { traffic, items: [...(await corpus())] }) };
}
