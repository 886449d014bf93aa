import type { FlightPlan } from '@sua-sandbox/rules/model';
import type { SessionCreate } from '@sua-sandbox/rules/protocol';
import { routeDurationS, type Scenario, scenarioFromPlans } from '@sua-sandbox/rules/sim';
import type { Principal } from '../auth/principal.js';
import { limitError, type RealtimeBudgets } from './budgets.js';
import type { RealtimeDeps } from './deps.js';
import { RealtimeError } from './rulebook-select.js';

/** Simulated span of plans flown together, from the first start to the last planned landing, in seconds. */
function plansSpanS(plans: readonly FlightPlan[]): number {
  const starts = plans.map((p) => Date.parse(p.start));
  const t0 = Math.min(...starts);
  return Math.max(...plans.map((p, i) => (starts[i] - t0) / 1000 + routeDurationS(p)));
}

/**
 * The scenario a session request names: a server scenario (with the requested seed), or one flown from plans
 * (stored ones as `reader` may see them, or sent inline), within the plan budgets.
 */
export async function scenarioForRequest(
  req: SessionCreate,
  reader: Principal | undefined,
  deps: Pick<RealtimeDeps, 'scenarios' | 'plans'>,
  budgets: RealtimeBudgets,
): Promise<Scenario> {
  if (req.scenarioId) {
    const s = (await deps.scenarios()).find((x) => x.id === req.scenarioId);
    if (!s) throw new RealtimeError('not_found', `scenario "${req.scenarioId}" not found`);
    return req.seed === undefined ? s : { ...s, seed: req.seed };
  }
  const requested = req.plans ?? [];
  const { plansPerSession, simDurationMs } = budgets;
  if (requested.length > plansPerSession)
    throw limitError('plansPerSession', plansPerSession, requested.length, `${requested.length} plans in one session`);
  const plans: FlightPlan[] = [];
  for (const [i, p] of requested.entries()) {
    if (typeof p !== 'string') plans.push(p);
    else {
      const plan = deps.plans ? await deps.plans.get(p, reader) : undefined;
      if (!plan)
        throw new RealtimeError('not_found', `plan "${p}" not found`, [{ path: ['plans', i], message: 'not found' }]);
      plans.push(plan);
    }
  }
  // Refused rather than cut short: a session that silently ends before the plans do would mislead.
  const spanMs = Math.ceil(plansSpanS(plans) * 1000);
  if (spanMs > simDurationMs)
    throw limitError(
      'simDurationMs',
      simDurationMs,
      spanMs,
      `the plans span ${Math.round(spanMs / 1000)} s of simulated time`,
    );
  return scenarioFromPlans(plans, { title: req.title, seed: req.seed });
}

/** Budgets of a client's session that the scenario itself can break (server scenarios too, when a client asks). */
export function checkScenarioBudgets(budgets: RealtimeBudgets, scenario: Scenario): void {
  const { aircraftPerSession, simDurationMs } = budgets;
  if (scenario.flights.length > aircraftPerSession)
    throw limitError(
      'aircraftPerSession',
      aircraftPerSession,
      scenario.flights.length,
      `${scenario.flights.length} flights`,
    );
  if (scenario.durationS * 1000 > simDurationMs)
    throw limitError(
      'simDurationMs',
      simDurationMs,
      scenario.durationS * 1000,
      `scenario "${scenario.id}" is too long`,
    );
}
