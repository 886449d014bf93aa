import type { ZoneIndex } from '../airspace/types.js';
import type { AirspaceView } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { type ConformanceCheck, conformanceViolation, needsRecheck, sameKeys } from './monitor-checks.js';
import { type SeparationHeld, zoneIdsAt } from './monitor-space.js';
import { copySample, diffFindings, type Held, NONE, newLiveMargin, type Watched } from './monitor-state.js';
import type { CloseReason, MonitorEvent, MonitorSample, RecheckPolicy } from './monitor-types.js';

/**
 * What judging one aircraft reads from its monitor. The monitor owns one record of this shape and updates it in
 * place (rulebook swaps, airspace changes), so the per-aircraft step reads it as it read the monitor's fields.
 */
export interface JudgeContext {
  rulebook: Rulebook;
  /** the catalogue index over the ground the rulebook measures AGL from (terrain or surface: ground-reference.ts) */
  grounded: ZoneIndex;
  view: AirspaceView;
  conformance: ConformanceCheck;
  /** bumped when zones appear or disappear: every aircraft's rules run again */
  epoch: number;
  readonly recheck: RecheckPolicy;
  /** how long a cleared finding stays open before it closes (ms) */
  readonly hold: number;
  /** scratch for zoneIdsAt */
  readonly hits: Int32Array;
}

/** A separation advisory found this tick, or an open one's key and finding (re-judging keeps those as they are). */
export type SeparationEntry = SeparationHeld | readonly [string, Finding];

/**
 * Judge one aircraft at sample `s`: its zones, the evaluator's per-sample rules (rechecked only when the sample
 * left the margins of the last check), plan conformance and the separation advisories given; events for what
 * opened or closed go to `out`.
 */
export function judgeAircraft(
  ctx: JudgeContext,
  w: Watched,
  s: MonitorSample,
  separation: readonly SeparationEntry[],
  tMs: number,
  reason: CloseReason,
  out: MonitorEvent[],
): void {
  if (!s.airborne) {
    if (w.open.size > 0 || w.zones.length > 0) diffFindings(w, new Map(), [], tMs, reason, out, ctx.hold, true);
    w.synced = false;
    return;
  }
  const zones = zoneIdsAt(s, w.zones, ctx.rulebook, ctx.view, ctx.grounded, ctx.hits);
  // Nothing to do when what holds has the same keys as at the last diff and nothing waits to close.
  let changed = !w.synced || reason !== 'cleared' || w.pending > 0 || zones !== w.zones;
  const elevation = ctx.view.elevation;
  if (needsRecheck(w.checked, s, zones, ctx.epoch, ctx.recheck, elevation)) {
    const live = {
      lon: s.lon,
      lat: s.lat,
      altAmslM: s.altAmslM,
      tMs: s.tMs,
      groundSpeedKmh: s.groundSpeedMps * 3.6,
      pilotLon: s.pilotLon ?? w.info.operation.pilotPosition[0],
      pilotLat: s.pilotLat ?? w.info.operation.pilotPosition[1],
      leg: s.leg,
    };
    // Updated in place: these records live for many ticks (an allocation here would be promoted).
    // With separate AGL / altitude bounds (see LiveMargin): over terrain they differ.
    const margin = w.checked?.margin ?? newLiveMargin();
    const violations = w.evaluator.check(live, margin);
    const aglM = s.altAmslM - elevation.groundM(s.lon, s.lat);
    if (w.checked) {
      if (!changed && !sameKeys(w.checked.violations, violations)) changed = true;
      w.checked.violations = violations;
      copySample(s, w.checked.at);
      w.checked.aglM = aglM;
      w.checked.zones = zones;
      w.checked.epoch = ctx.epoch;
    } else {
      w.checked = { violations, at: copySample(s), aglM, zones, epoch: ctx.epoch, margin };
      changed = true;
    }
  }
  const offPlan = w.info.declared
    ? conformanceViolation(
        w.info.declared,
        s,
        ctx.conformance,
        w.info.plan?.start,
        w.conformance,
        ctx.recheck.margins && reason === 'cleared',
      )
    : null;
  // An aircraft in conflict with the same others as at the last diff has nothing to diff for it: the advisories
  // open are the ones that hold (same rule and minima: a rulebook swap re-judges with another reason).
  if ((offPlan?.key ?? null) !== w.offPlanKey || !sameSeparationKeys(separation, w.separationKeys)) changed = true;
  if (!changed) return;

  // What holds now. Plan-level findings (registration, category…) hold for as long as the aircraft is
  // airborne; violations are pushed as they are: their findings are worded only if a key opens.
  const now = new Map<string, Held>();
  for (const h of w.planNow) now.set(h.key, h);
  for (const v of w.checked?.violations ?? []) if (!now.has(v.key)) now.set(v.key, v);
  if (offPlan) now.set(offPlan.key, offPlan);
  // advisories found this tick are worded only if they open; re-judging passes the open ones' findings
  for (const e of separation) now.set(separationKey(e), 'key' in e ? e : { key: e[0], finding: e[1] });
  diffFindings(w, now, zones, s.tMs, reason, out, ctx.hold, reason !== 'cleared');
  w.synced = true;
  w.offPlanKey = offPlan?.key ?? null;
  w.separationKeys = separation.length === 0 ? NONE : separation.map(separationKey);
}

const separationKey = (e: SeparationEntry): string => ('key' in e ? e.key : e[0]);

function sameSeparationKeys(now: readonly SeparationEntry[], before: readonly string[]): boolean {
  if (now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) if (separationKey(now[i]) !== before[i]) return false;
  return true;
}
