import { type LiveEvaluator, prepareLive } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { planNow } from './monitor-checks.js';
import { type JudgeContext, judgeAircraft } from './monitor-judge.js';
import type { Watched } from './monitor-state.js';
import type { MonitorEvent, MonitoredAircraft, MonitorOptions } from './monitor-types.js';

/**
 * The live evaluator for an aircraft's profile under `rulebook`, without the `withdrawn` permissions. Aircraft
 * without a plan that share a profile key share one evaluator, kept in `shared`.
 */
export function prepareEvaluator(
  info: MonitoredAircraft,
  rulebook: Rulebook,
  opts: Pick<MonitorOptions, 'airspace' | 'utcOffset'>,
  withdrawn: ReadonlySet<string>,
  shared: Map<string, LiveEvaluator>,
): LiveEvaluator {
  // a plan carries its declared permissions itself (ids or inline objects): withdrawn ones leave it too
  const plan =
    info.plan && withdrawn.size > 0
      ? {
          ...info.plan,
          permissions: info.plan.permissions.filter((p) => !withdrawn.has(typeof p === 'string' ? p : p.id)),
        }
      : info.plan;
  const make = () =>
    prepareLive({
      plan,
      aircraft: info.aircraft,
      pilot: info.pilot,
      responsiblePerson: info.responsiblePerson,
      operation: info.operation,
      rulebook,
      airspace: opts.airspace,
      permissions: withdrawn.size === 0 ? info.permissions : info.permissions.filter((p) => !withdrawn.has(p.id)),
      utcOffset: opts.utcOffset,
    });
  if (info.plan || !info.profileKey) return make();
  let ev = shared.get(info.profileKey);
  if (!ev) {
    ev = make();
    shared.set(info.profileKey, ev);
  }
  return ev;
}

/** Give an aircraft a newly prepared evaluator: its last full check no longer stands. */
export function useEvaluator(w: Watched, evaluator: LiveEvaluator): void {
  w.evaluator = evaluator;
  w.planNow = planNow(evaluator);
  w.checked = null;
  w.synced = false;
}

/**
 * Judge an aircraft afresh at its last sample after its profile (or the permissions it declares) changed: what no
 * longer holds closes at once ('profile-changed'); its open separation advisories stay as they are.
 */
export function rejudgeProfile(ctx: JudgeContext, w: Watched, tMs: number, out: MonitorEvent[]): void {
  if (!w.last) return;
  const separation: [string, Finding][] = [];
  for (const o of w.open.values()) if (o.finding.kind === 'separation') separation.push([o.key, o.finding]);
  judgeAircraft(ctx, w, w.last, separation, tMs, 'profile-changed', out);
}
