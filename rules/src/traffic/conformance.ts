import { worded } from '../messages/index.js';
import type { Provision } from '../model/citation.js';
import type { Finding } from '../model/report.js';
import { compileVolume } from './compiled.js';
import type { IntentState, OperationalIntent } from './intent.js';
import type { TrafficParams } from './params.js';
import { createPlane, pointSegmentDist2, toPlane } from './plane.js';

/**
 * Live conformance to an operational intent (issue 16 item 4; ASTM F3548-21 conformance monitoring): is an
 * aircraft inside one of its intent's 4-D volumes, and what follows for the intent's state. Pure: the caller
 * (the live session) passes positions with their time and ground height, and applies the transitions.
 */

/** Where a live aircraft is: position, altitude above mean sea level, the ground under it, time (epoch ms). */
export interface LivePosition {
  lon: number;
  lat: number;
  altAmslM: number;
  /** ground height AMSL under the aircraft, for volumes whose altitudes are AGL */
  groundM: number;
  tMs: number;
}

export interface Containment {
  inside: boolean;
  /** the first nominal volume containing the position, or null */
  volume: number | null;
}

/**
 * Whether `p` is inside one of the intent's nominal volumes: in its time window (closed), its altitude band
 * (AGL bands against the ground under the aircraft; W84 bands are compared with AMSL, the geoid separation near
 * Hong Kong being a few metres) and its footprint (the corridor capsule exactly; a polygon without a corridor
 * by its bounding circle, so leniently).
 */
export function containment(intent: OperationalIntent, p: LivePosition, params: TrafficParams): Containment {
  const plane = createPlane(params.plane.originLon, params.plane.originLat);
  const [x, y] = toPlane(plane, p.lon, p.lat);
  const volumes = intent.details.volumes;
  for (let i = 0; i < volumes.length; i++) {
    const v = compileVolume(plane, volumes[i]);
    if (p.tMs < v.t0 || p.tMs > v.t1) continue;
    const ref = volumes[i].volume.altitude_lower.reference;
    const alt = ref === 'AGL' ? p.altAmslM - p.groundM : p.altAmslM;
    if (alt < v.zLo || alt > v.zHi) continue;
    if (pointSegmentDist2(x, y, v.ax, v.ay, v.bx, v.by) <= v.r * v.r) return { inside: true, volume: i };
  }
  return { inside: false, volume: null };
}

/** What the monitor remembers between two observations of one aircraft flying an intent. */
export interface ConformanceTrack {
  /** the intent's state as the monitor last moved it (or found it) */
  state: IntentState;
  /** since when (epoch ms) the aircraft has been outside, while Nonconforming */
  outsideSinceMs: number | null;
}

export interface ConformanceStep {
  track: ConformanceTrack;
  /** the transitions to apply, in order (each one legal in INTENT_TRANSITIONS) */
  transitions: IntentState[];
}

/**
 * One observation of an airborne aircraft linked to an intent. An Accepted intent is Activated when its aircraft
 * is first seen flying. Outside every volume: Activated → Nonconforming at once; still outside `graceS` after it
 * left → Contingent. Back inside while Nonconforming → Activated. Contingent and Ended never change here (F3548:
 * Contingent only ends).
 */
export function conformanceStep(
  track: ConformanceTrack,
  inside: boolean,
  tMs: number,
  graceS: number,
): ConformanceStep {
  const transitions: IntentState[] = [];
  let { state, outsideSinceMs } = track;
  if (state === 'Contingent' || state === 'Ended') return { track, transitions };
  if (state === 'Accepted') {
    state = 'Activated';
    transitions.push(state);
  }
  if (inside) {
    if (state === 'Nonconforming') {
      state = 'Activated';
      transitions.push(state);
    }
    return { track: { state, outsideSinceMs: null }, transitions };
  }
  if (state === 'Activated') {
    state = 'Nonconforming';
    transitions.push(state);
    outsideSinceMs = tMs;
  }
  outsideSinceMs ??= tMs;
  if (tMs - outsideSinceMs >= graceS * 1000) {
    state = 'Contingent';
    transitions.push(state);
  }
  return { track: { state, outsideSinceMs }, transitions };
}

const round = (x: number, k: number) => Math.round(x * k) / k;

export const CONFORMANCE_RULE_ID = 'traffic.conformance';

/** The finding key of an aircraft's intent conformance: one per intent and state, so Contingent opens anew. */
export const conformanceKey = (intentId: string, state: IntentState) => `${CONFORMANCE_RULE_ID}|${intentId}|${state}`;

/**
 * The live finding for an aircraft whose intent is Nonconforming or Contingent (null otherwise): an advisory
 * citing the Sandbox X trial provision of the traffic parameters (not law).
 */
export function conformanceFinding(
  intent: OperationalIntent,
  track: ConformanceTrack,
  p: LivePosition,
  params: TrafficParams,
): Finding | null {
  if (track.state !== 'Nonconforming' && track.state !== 'Contingent') return null;
  const outsideS = track.outsideSinceMs === null ? 0 : Math.max(0, Math.round((p.tMs - track.outsideSinceMs) / 1000));
  const id = intent.reference.id;
  const graceS = params.conformance.graceS;
  const message =
    track.state === 'Nonconforming'
      ? worded('traffic.conformance.nonconforming', { intent: id, outside: outsideS, grace: graceS })
      : worded('traffic.conformance.contingent', { intent: id, outside: outsideS, grace: graceS });
  return {
    ruleId: CONFORMANCE_RULE_ID,
    kind: 'intent-conformance',
    provision: params.provision satisfies Provision,
    rulebookVersion: 'traffic-params',
    effect: 'advisory',
    ...message,
    measured: { value: outsideS, unit: 's' },
    limit: { value: graceS, unit: 's' },
    where: {
      leg: 0,
      position: [round(p.lon, 1e6), round(p.lat, 1e6), round(p.altAmslM, 100)],
      time: new Date(p.tMs).toISOString(),
      groundM: round(p.groundM, 100),
    },
  };
}
