import { FlightPlan } from '../model/index.js';
import { fromZod, type Issue } from './issues.js';
import { buildTimeline, type Timeline } from './timeline.js';

export type PlanValidation = { ok: true; plan: FlightPlan; timeline: Timeline } | { ok: false; issues: Issue[] };

/**
 * Validate a flight plan as data: the FlightPlan schema, then whether its timing is possible (no leg
 * flown at zero speed or in no time). Issues name the field, e.g. `route.coordinates[3]`.
 */
export function validatePlan(input: unknown): PlanValidation {
  const parsed = FlightPlan.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) };
  const plan = parsed.data;
  const { timeline, issues } = buildTimeline(plan.route, Date.parse(plan.start));
  return issues.length ? { ok: false, issues } : { ok: true, plan, timeline };
}
