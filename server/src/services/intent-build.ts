import type { Issue } from '@sua-sandbox/rules/engine';
import type { FlightPlan } from '@sua-sandbox/rules/model';
import {
  buildIntentFromPlan,
  checkPlanOnRoute,
  type OperationalIntent,
  type TrafficFinding,
} from '@sua-sandbox/rules/traffic';
import { sees } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { budgetProblem } from '../budgets.js';
import { budgetExceeded, notFound, validationFailed } from '../errors.js';
import type { Store } from '../store/types.js';
import type { Actor } from './audit.js';
import type { IntentRequest, IntentServiceOptions } from './intents.js';

type Where = (p: Issue['path']) => Issue['path'];

/** The plan the intent is built from; a stored one only for its organisation (else as if it did not exist). */
async function planOf(store: Store, req: IntentRequest, reader: Principal | undefined) {
  if (req.plan) return { plan: req.plan, where: ((p) => ['body', 'plan', ...p]) as Where };
  const id = req.planId ?? '';
  const stored = await store.plans.get(id);
  if (!stored || (reader && !sees(reader, stored.ownerOrg))) throw notFound('plan', id);
  return { plan: stored.plan, where: ((p) => ['body', 'planId', ...p]) as Where };
}

function budgets(opts: IntentServiceOptions, plan: FlightPlan, intent: OperationalIntent | null, where: Where) {
  const n = plan.route.coordinates.length;
  if (n > opts.maxWaypoints)
    throw budgetExceeded(
      budgetProblem('waypoints', `plan has ${n} waypoints`, opts.maxWaypoints, where(['route', 'coordinates'])),
    );
  const v = intent?.details.volumes.length ?? 0;
  if (v > opts.maxVolumes) {
    const message = `intent has ${v} volumes; the limit is ${opts.maxVolumes} (volumes per operational intent)`;
    throw budgetExceeded({ status: 422, message, issues: [{ path: where(['route', 'coordinates']), message }] });
  }
}

/**
 * What a PUT asks for, before any decision: the plan (delayed when asked), the intent built from it as a first
 * version, within the budgets and not over before now, and the route check's findings when it claims an air
 * route. Bad input throws (400/404/413/422). This is the slow part of a submission: it runs outside the lock.
 */
export async function buildSubmission(
  store: Store,
  opts: IntentServiceOptions,
  id: string,
  req: IntentRequest,
  who: Actor & { principal?: Principal },
): Promise<{ intent: OperationalIntent; findings: TrafficFinding[] }> {
  const { plan: base, where } = await planOf(store, req, who.principal);
  budgets(opts, base, null, where);
  const plan = req.delayS
    ? { ...base, start: new Date(Date.parse(base.start) + req.delayS * 1000).toISOString() }
    : base;
  const { params, network } = opts.traffic;
  const built = buildIntentFromPlan(plan, params, {
    id,
    manager: who.actor,
    operator: req.operator,
    priorityClass: req.priorityClass,
  });
  if (!built.ok)
    throw validationFailed(
      built.issues.map((i) => ({
        path: i.path[0] === 'priorityClass' ? ['body', ...i.path] : where(i.path),
        message: i.message,
      })),
      'no operational intent can be built from the plan',
    );
  budgets(opts, plan, built.intent, where);
  if (Date.parse(built.intent.reference.time_end.value) <= opts.now())
    throw validationFailed([{ path: where(['start']), message: 'the intent would end before now' }]);

  const findings: TrafficFinding[] = [];
  if (req.routeId !== undefined) {
    const r = checkPlanOnRoute(plan, network, req.routeId, params);
    if (!r.ok)
      throw validationFailed(
        r.issues.map((i) => ({
          path: i.path[0] === 'routeId' ? ['body', ...i.path] : where(i.path),
          message: i.message,
        })),
      );
    findings.push(...r.findings);
  }
  return { intent: built.intent, findings };
}
