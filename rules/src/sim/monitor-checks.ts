import type { ElevationModel } from '../airspace/types.js';
import type { LiveEvaluator } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { AircraftFlag } from '../protocol/aircraft-state.js';
import { isoAt } from './compile.js';
import { type Deviation, deviationFromPlan } from './conformance.js';
import { type MonitorRule, metresParam, monitorFinding, monitorRule } from './monitor-rules.js';
import type { Checked, Held } from './monitor-state.js';
import type { MonitorSample, OpenFinding, RecheckPolicy } from './monitor-types.js';
import type { NavRoute } from './nav-route.js';

export interface Positioned {
  id: string;
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
  leg?: number;
}

export const r1 = (x: number) => Math.round(x * 10) / 10;

export function whereOf(s: Positioned, utcOffset: string): Finding['where'] {
  return {
    leg: s.leg ?? 0,
    position: [Math.round(s.lon * 1e6) / 1e6, Math.round(s.lat * 1e6) / 1e6, Math.round(s.altAmslM * 100) / 100],
    time: isoAt(s.tMs, utcOffset),
  };
}

function offsetOf(instant: string | undefined): string {
  const m = instant ? /([+-]\d{2}:\d{2})$/.exec(instant) : null;
  return m ? m[1] : '+08:00';
}

/** The conformance rule, its buffers and its two finding keys, resolved once per rulebook (not per aircraft and tick). */
export interface ConformanceCheck {
  rule: MonitorRule;
  rulebook: Rulebook;
  lateralM: number;
  verticalM: number;
  /** keys of the lateral and vertical findings (one string each, so comparing them is cheap) */
  lateralKey: string;
  verticalKey: string;
}

export function conformanceCheck(
  rulebook: Rulebook,
  buffers: { lateralM: number; verticalM: number },
): ConformanceCheck {
  const rule = monitorRule(rulebook, 'conformance');
  return {
    rule,
    rulebook,
    lateralM: metresParam(rule.params, 'lateral', buffers.lateralM),
    verticalM: metresParam(rule.params, 'vertical', buffers.verticalM),
    lateralKey: `${rule.ruleId}|lateral`,
    verticalKey: `${rule.ruleId}|vertical`,
  };
}

/**
 * An off-plan advisory that holds now. Its finding is worded only when read: the monitor checks
 * conformance for every aircraft on every tick but needs the words only when the advisory opens.
 */
class OffPlan implements Held {
  private built?: Finding;

  constructor(
    readonly key: string,
    private readonly lateral: boolean,
    private readonly d: Deviation,
    private readonly check: ConformanceCheck,
    private readonly at: Positioned,
    private readonly planStart: string | undefined,
  ) {}

  get finding(): Finding {
    this.built ??= offPlanFinding(this.lateral, this.d, this.check, this.at, this.planStart);
    return this.built;
  }
}

function offPlanFinding(
  lateral: boolean,
  d: Deviation,
  check: ConformanceCheck,
  s: Positioned,
  planStart: string | undefined,
): Finding {
  const { rule, rulebook, lateralM: lateralLimit, verticalM: verticalLimit } = check;
  const where = whereOf(s, offsetOf(planStart));
  return lateral
    ? monitorFinding(
        rule,
        rulebook,
        'advisory',
        { code: 'monitor.off-route', params: { offset: r1(d.lateralM), buffer: lateralLimit } },
        { measured: { value: r1(d.lateralM), unit: 'm' }, limit: { value: lateralLimit, unit: 'm' }, where },
      )
    : monitorFinding(
        rule,
        rulebook,
        'advisory',
        { code: 'monitor.off-altitude', params: { offset: r1(d.verticalM), buffer: verticalLimit } },
        {
          measured: { value: r1(Math.abs(d.verticalM)), unit: 'm' },
          limit: { value: verticalLimit, unit: 'm' },
          where,
        },
      );
}

/**
 * What conformance remembers of an aircraft between ticks: the nearest leg last time (so only nearby legs are
 * searched), and, when it was on the plan, where that was and how much room it had.
 */
export interface ConformanceTrack {
  leg: number;
  /** on the plan at (lon, lat, alt), with `lateralRoomM` to the lateral buffer and `verticalRoomM` to the vertical
   * one measured from leg `leg` alone, whose planned altitude changes by at most `slope` m per m moved */
  onPlan: boolean;
  lon: number;
  lat: number;
  alt: number;
  lateralRoomM: number;
  verticalRoomM: number;
  slope: number;
}

export function newConformanceTrack(): ConformanceTrack {
  return { leg: 0, onPlan: false, lon: 0, lat: 0, alt: 0, lateralRoomM: 0, verticalRoomM: 0, slope: 0 };
}

/**
 * Still on the plan without measuring? After moving δ metres the distance from the route grows by at most δ,
 * and the vertical distance from the leg that was nearest by at most the climb plus slope·δ (a projection moves
 * at most δ along the leg); that leg stays within the lateral buffer, so it still counts. 1 m and 0.5 m spare
 * cover the local projections.
 */
function surelyOnPlan(t: ConformanceTrack, s: Positioned): boolean {
  if (!t.onPlan) return false;
  const dy = (s.lat - t.lat) * 111_195;
  const dx = (s.lon - t.lon) * 111_195 * Math.cos((s.lat * Math.PI) / 180);
  const moved = Math.sqrt(dx * dx + dy * dy);
  return moved + 1 < t.lateralRoomM && Math.abs(s.altAmslM - t.alt) + t.slope * moved + 0.5 < t.verticalRoomM;
}

/**
 * Off-plan advisory: further from the declared route than the lateral buffer, or above/below the planned
 * altitude by more than the vertical buffer. Returns the advisory (keyed, worded on demand) or null.
 * With a track, searches only near last time's leg and, with `skipWhenSure`, measures nothing while the
 * aircraft surely stays on the plan. The position is copied: samples are records the caller reuses.
 */
export function conformanceViolation(
  declared: NavRoute,
  s: Positioned,
  check: ConformanceCheck,
  planStart?: string,
  track?: ConformanceTrack,
  skipWhenSure = false,
): Held | null {
  if (track && skipWhenSure && surelyOnPlan(track, s)) return null;
  const { lateralM: lateralLimit, verticalM: verticalLimit } = check;
  const hint = track;
  let d = deviationFromPlan(
    declared,
    s.lon,
    s.lat,
    s.altAmslM,
    lateralLimit,
    hint ? { around: hint.leg, span: 3 } : undefined,
  );
  if (hint && (d.lateralM > lateralLimit || Math.abs(d.verticalM) > verticalLimit))
    d = deviationFromPlan(declared, s.lon, s.lat, s.altAmslM, lateralLimit);
  if (hint) hint.leg = d.leg;
  const lateral = d.lateralM > lateralLimit;
  const vertical = Math.abs(d.verticalM) > verticalLimit;
  if (track) {
    track.onPlan = !lateral && !vertical;
    track.lon = s.lon;
    track.lat = s.lat;
    track.alt = s.altAmslM;
    track.lateralRoomM = lateralLimit - d.lateralM;
    track.verticalRoomM = verticalLimit - d.legVerticalM;
    track.slope = d.legSlope;
  }
  if (!lateral && !vertical) return null;
  const at = { id: s.id, lon: s.lon, lat: s.lat, altAmslM: s.altAmslM, tMs: s.tMs, leg: s.leg };
  return new OffPlan(lateral ? check.lateralKey : check.verticalKey, lateral, d, check, at, planStart);
}

export function planNow(ev: LiveEvaluator): Held[] {
  return ev.planFindings
    .filter((f) => !f.covered && f.effect !== 'advisory')
    .map((f): Held => ({ key: `plan|${f.ruleId}|${f.zoneId ?? ''}`, finding: f }));
}

/**
 * Must the per-sample rules run again? Always after a change of zones, airspace or pilot position, or when
 * time runs backwards; then, within the margins the last check gave (see LiveMargin), no; without margins,
 * after the policy's fixed steps of distance, altitude, speed or time.
 */
export function needsRecheck(
  checked: Checked | null,
  s: MonitorSample,
  zones: readonly string[],
  epoch: number,
  p: RecheckPolicy,
  elevation: ElevationModel,
): boolean {
  if (!checked) return true;
  const a = checked.at;
  if (zones !== checked.zones && !sameIds(zones, checked.zones)) return true;
  if (checked.epoch !== epoch || s.tMs < a.tMs) return true;
  if (s.pilotLon !== a.pilotLon || s.pilotLat !== a.pilotLat) return true;
  const dy = (s.lat - a.lat) * 111_195;
  const dx = (s.lon - a.lon) * 111_195 * Math.cos((s.lat * Math.PI) / 180);
  const moved2 = dx * dx + dy * dy;
  const m = checked.margin;
  if (p.margins && m.known) {
    if (s.tMs >= m.untilMs) return true;
    if (Math.abs(s.groundSpeedMps - a.groundSpeedMps) * 3.6 >= m.speedKmh) return true;
    if (moved2 >= m.distanceM * m.distanceM) return true;
    // heightM bounds both heights; aglM / amslM (when given) one each, for rules that depend on one only.
    const amslBound = Math.min(m.heightM, m.amslM ?? Number.POSITIVE_INFINITY);
    const aglBound = Math.min(m.heightM, m.aglM ?? Number.POSITIVE_INFINITY);
    if (Math.abs(s.altAmslM - a.altAmslM) >= amslBound) return true;
    if (aglBound === Number.POSITIVE_INFINITY) return false;
    return Math.abs(s.altAmslM - elevation.groundM(s.lon, s.lat) - checked.aglM) >= aglBound;
  }
  if (s.tMs - a.tMs >= p.intervalMs) return true;
  if (Math.abs(s.altAmslM - a.altAmslM) >= p.altitudeM) return true;
  if (Math.abs(s.groundSpeedMps - a.groundSpeedMps) * 3.6 >= p.speedKmh) return true;
  return moved2 >= p.distanceM * p.distanceM;
}

/** Same keys in the same order (a rule's violations come in rulebook order). */
export function sameKeys(a: readonly { key: string }[], b: readonly { key: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].key !== b[i].key) return false;
  return true;
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function flagsFor(open: Iterable<OpenFinding>): number {
  let flags = 0;
  for (const f of open) {
    if (f.finding.kind === 'separation') flags |= AircraftFlag.conflict;
    else if (f.finding.kind === 'conformance') flags |= AircraftFlag.offPlan;
    else if (f.finding.effect !== 'advisory') flags |= AircraftFlag.violating;
  }
  return flags;
}
