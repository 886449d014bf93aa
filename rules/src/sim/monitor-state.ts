import { sameRule } from '../engine/findings.js';
import type { LiveEvaluator, LiveMargin, LiveViolation } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import { type ConformanceTrack, flagsFor, newConformanceTrack } from './monitor-checks.js';
import type { CloseReason, MonitorEvent, MonitoredAircraft, MonitorSample, OpenFinding } from './monitor-types.js';

export const NONE: readonly string[] = Object.freeze([]);

/** A finding that holds now, by key; `finding` may be worded only when read (see the engine's LiveViolation). */
export interface Held {
  readonly key: string;
  readonly finding: Finding;
  /** LiveViolation.sameRuleAs, when it has it */
  sameRuleAs?(f: Finding): boolean;
}

/** The per-sample rule results at an aircraft's last full check, and where and when that was. */
export interface Checked {
  violations: LiveViolation[];
  at: MonitorSample;
  /** height above the ground model there */
  aglM: number;
  zones: readonly string[];
  /** the monitor's airspace epoch then */
  epoch: number;
  margin: LiveMargin;
}

/** What the monitor keeps per aircraft between ticks. */
export interface Watched {
  info: MonitoredAircraft;
  evaluator: LiveEvaluator;
  /** the evaluator's plan-level findings that count live (uncovered, not advisory), keyed */
  planNow: Held[];
  open: Map<string, OpenFinding>;
  zones: readonly string[];
  last: MonitorSample | null;
  /** conformance to the declared route between ticks */
  conformance: ConformanceTrack;
  /** open findings whose condition has cleared but not for the hold time yet */
  pending: number;
  /** AircraftFlag bits from the open findings */
  flags: number;
  /** the per-sample rule results at the last full check, and where that was */
  checked: Checked | null;
  /**
   * True once the open findings were diffed against everything that held, with this evaluator: while the
   * violation keys, the off-plan key and the zones stay the same (and no separation advisory is involved),
   * the open findings still equal what holds and a tick has nothing to do.
   */
  synced: boolean;
  /** the off-plan advisory's key at the last diff, or null */
  offPlanKey: string | null;
  /** the keys of the separation advisories at the last diff, in order */
  separationKeys: readonly string[];
  /** set when the monitor stops watching the aircraft through this record (removed, released, replaced) */
  retired: boolean;
}

/** Copy a sample's fields into `into` (or a new record, always of one shape so reads stay monomorphic). */
export function copySample(s: MonitorSample, into?: MonitorSample): MonitorSample {
  if (!into)
    return {
      id: s.id,
      lon: s.lon,
      lat: s.lat,
      altAmslM: s.altAmslM,
      tMs: s.tMs,
      groundSpeedMps: s.groundSpeedMps,
      airborne: s.airborne,
      pilotLon: s.pilotLon,
      pilotLat: s.pilotLat,
      leg: s.leg,
    };
  into.id = s.id;
  into.lon = s.lon;
  into.lat = s.lat;
  into.altAmslM = s.altAmslM;
  into.tMs = s.tMs;
  into.groundSpeedMps = s.groundSpeedMps;
  into.airborne = s.airborne;
  into.pilotLon = s.pilotLon;
  into.pilotLat = s.pilotLat;
  into.leg = s.leg;
  return into;
}

/**
 * The records below are made by one function each, so that every watched aircraft's record of a kind has one
 * shape (hidden class). A record copied from another shape (a spread of a structured clone: an aircraft handed over
 * between monitor shards) made the reads of that kind polymorphic for every aircraft, and optimized code then boxed
 * each number it read: 3.2 MB of garbage a tick for 20,000 aircraft on 2 shards (npm run bench:allocation).
 */
export function newLiveMargin(): LiveMargin {
  return { known: false, heightM: 0, aglM: 0, amslM: 0, speedKmh: 0, distanceM: 0, untilMs: 0 };
}

export function copyLiveMargin(m: LiveMargin, into: LiveMargin = newLiveMargin()): LiveMargin {
  into.known = m.known;
  into.heightM = m.heightM;
  into.aglM = m.aglM;
  into.amslM = m.amslM;
  into.speedKmh = m.speedKmh;
  into.distanceM = m.distanceM;
  into.untilMs = m.untilMs;
  return into;
}

export function copyConformanceTrack(t: ConformanceTrack, into: ConformanceTrack = newConformanceTrack()) {
  into.leg = t.leg;
  into.onPlan = t.onPlan;
  into.lon = t.lon;
  into.lat = t.lat;
  into.alt = t.alt;
  into.lateralRoomM = t.lateralRoomM;
  into.verticalRoomM = t.verticalRoomM;
  into.slope = t.slope;
  return into;
}

/** An open finding as diffFindings makes one (clearSinceMs added when it starts to clear). */
export function newOpenFinding(aircraftId: string, key: string, finding: Finding, openedAtMs: number): OpenFinding {
  return { aircraftId, key, finding, openedAtMs };
}

export function copyOpenFinding(o: OpenFinding): OpenFinding {
  const copy = newOpenFinding(o.aircraftId, o.key, o.finding, o.openedAtMs);
  // present (perhaps undefined again) once the finding began to clear, as on the monitor's own
  if ('clearSinceMs' in o) copy.clearSinceMs = o.clearSinceMs;
  return copy;
}

/**
 * Apply what holds now to an aircraft's open findings and zones: zone exits/entries, findings closed (after
 * `hold` ms clear, or at once when `immediate`) and opened.
 */
export function diffFindings(
  w: Watched,
  now: ReadonlyMap<string, Held>,
  zones: readonly string[],
  tMs: number,
  reason: CloseReason,
  out: MonitorEvent[],
  hold: number,
  immediate = false,
): void {
  const aircraftId = w.info.id;
  if (zones.length > 0 || w.zones.length > 0) {
    for (const z of w.zones) if (!zones.includes(z)) out.push({ type: 'exit', aircraftId, zoneId: z, tMs });
    for (const z of zones) if (!w.zones.includes(z)) out.push({ type: 'enter', aircraftId, zoneId: z, tMs });
    // zoneIdsAt hands back the aircraft's own list when nothing changed: no copy then
    if (zones !== w.zones) w.zones = zones === NONE ? NONE : [...zones];
  }
  w.pending = 0;
  for (const [key, open] of w.open) {
    const f = now.get(key);
    // a violation answers without wording its finding (most hold unchanged tick after tick)
    if (f && (f.sameRuleAs ? f.sameRuleAs(open.finding) : sameRule(open.finding, f.finding))) {
      open.clearSinceMs = undefined;
      continue;
    }
    if (!f && !immediate) {
      open.clearSinceMs ??= tMs;
      if (tMs - open.clearSinceMs < hold) {
        w.pending++;
        continue;
      }
    }
    w.open.delete(key);
    out.push({ type: 'closed', aircraftId, key, reason, tMs });
  }
  for (const [key, held] of now) {
    if (w.open.has(key)) continue;
    const finding = held.finding;
    w.open.set(key, newOpenFinding(aircraftId, key, finding, tMs));
    out.push({ type: 'opened', aircraftId, key, finding, tMs });
  }
  w.flags = flagsFor(w.open.values());
}
