import { type AirspaceView, createAirspaceView, type LiveEvaluator, prepareLive } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import {
  type ConformanceCheck,
  conformanceCheck,
  conformanceViolation,
  needsRecheck,
  planNow,
  sameIds,
  separationViolations,
} from './monitor-checks.js';
import { metresParam, monitorRule } from './monitor-rules.js';
import { diffFindings, type Held, NONE, type Watched } from './monitor-state.js';
import {
  type CloseReason,
  DEFAULT_RECHECK,
  type MonitorEvent,
  type MonitoredAircraft,
  type MonitorOptions,
  type MonitorSample,
  type OpenFinding,
  type RecheckPolicy,
} from './monitor-types.js';
import { findConflicts } from './separation.js';

const NO_CONFLICTS: readonly [string, Finding][] = Object.freeze([]);

/** Copy a sample's fields into `into` (or a new record, always of one shape so reads stay monomorphic). */
function copySample(s: MonitorSample, into?: MonitorSample): MonitorSample {
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
 * Incremental live monitoring. Each `observe` judges every aircraft at one instant with the engine's
 * per-sample rules (prepareLive: the same code as route checks) plus the monitor's own advisories
 * (separation, plan conformance), and returns only what changed: zone entries and exits, findings
 * opened and closed. Deterministic for the same inputs.
 */
export class Monitor {
  private rulebook: Rulebook;
  private view: AirspaceView;
  private readonly watched = new Map<string, Watched>();
  private readonly shared = new Map<string, LiveEvaluator>();
  private conformance: ConformanceCheck;
  private readonly hits = new Int32Array(64);
  private readonly recheck: RecheckPolicy;
  private readonly hold: number;
  private readonly keyBuf: string[] = [];
  private readonly heldBuf: Held[] = [];
  private readonly watchedBuf: (Watched | undefined)[] = [];

  constructor(private readonly opts: MonitorOptions) {
    this.rulebook = opts.rulebook;
    this.view = createAirspaceView(opts.airspace, opts.rulebook.zones, opts.rulebook.withdrawnZones);
    this.conformance = conformanceCheck(opts.rulebook, opts.conformance);
    this.recheck = { ...DEFAULT_RECHECK, ...opts.recheck };
    this.hold = opts.closeHoldMs ?? 5000;
  }

  get currentRulebook(): Rulebook {
    return this.rulebook;
  }

  private prepare(info: MonitoredAircraft): LiveEvaluator {
    const make = () =>
      prepareLive({
        plan: info.plan,
        aircraft: info.aircraft,
        pilot: info.pilot,
        responsiblePerson: info.responsiblePerson,
        operation: info.operation,
        rulebook: this.rulebook,
        airspace: this.opts.airspace,
        permissions: info.permissions,
        utcOffset: this.opts.utcOffset,
      });
    if (info.plan || !info.profileKey) return make();
    let ev = this.shared.get(info.profileKey);
    if (!ev) {
      ev = make();
      this.shared.set(info.profileKey, ev);
    }
    return ev;
  }

  add(info: MonitoredAircraft): LiveEvaluator {
    const evaluator = this.prepare(info);
    this.watched.set(info.id, {
      info,
      evaluator,
      planNow: planNow(evaluator),
      open: new Map(),
      zones: NONE,
      last: null,
      legHint: { leg: 0 },
      checked: null,
      pending: 0,
      flags: 0,
    });
    return evaluator;
  }

  has(id: string): boolean {
    return this.watched.has(id);
  }

  evaluatorOf(id: string): LiveEvaluator | undefined {
    return this.watched.get(id)?.evaluator;
  }

  /** Stop watching an aircraft: its findings close and it leaves its zones. */
  remove(id: string, tMs: number): MonitorEvent[] {
    const w = this.watched.get(id);
    if (!w) return [];
    const out: MonitorEvent[] = [];
    diffFindings(w, new Map(), [], tMs, 'aircraft-removed', out, this.hold, true);
    this.watched.delete(id);
    return out;
  }

  /** Judge all samples taken at one instant. Aircraft without a sample keep their state. */
  observe(samples: readonly MonitorSample[], tMs: number): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    const airborne: MonitorSample[] = [];
    // One lookup per sample: the watched record, by sample index (reused buffer).
    const of = this.watchedBuf;
    of.length = samples.length;
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      const w = this.watched.get(s.id);
      of[i] = w;
      if (!w) continue;
      w.last = s;
      if (s.airborne) airborne.push(s);
    }
    const conflicts = this.conflicts(airborne);
    const anyConflict = conflicts.size > 0;
    for (let i = 0; i < samples.length; i++) {
      const w = of[i];
      if (!w) continue;
      const s = samples[i];
      const separation = anyConflict ? (conflicts.get(s.id) ?? NO_CONFLICTS) : NO_CONFLICTS;
      this.judge(w, s, separation, tMs, 'cleared', out);
    }
    of.length = 0;
    return out;
  }

  /** Swap the rulebook (or an applied draft) and re-judge every aircraft at its last sample. */
  setRulebook(rulebook: Rulebook, tMs: number): MonitorEvent[] {
    this.rulebook = rulebook;
    this.view = createAirspaceView(this.opts.airspace, rulebook.zones, rulebook.withdrawnZones);
    this.conformance = conformanceCheck(rulebook, this.opts.conformance);
    this.shared.clear();
    for (const w of this.watched.values()) {
      w.evaluator = this.prepare(w.info);
      w.planNow = planNow(w.evaluator);
      w.checked = null;
    }
    const out: MonitorEvent[] = [];
    const last = [...this.watched.values()].flatMap((w) => (w.last ? [w.last] : []));
    const conflicts = this.conflicts(last.filter((s) => s.airborne));
    for (const w of this.watched.values())
      if (w.last) this.judge(w, w.last, conflicts.get(w.info.id) ?? [], tMs, 'rulebook-changed', out);
    return out;
  }

  private conflicts(airborne: readonly MonitorSample[]): Map<string, [string, Finding][]> {
    const byId = new Map<string, [string, Finding][]>();
    const rule = monitorRule(this.rulebook, 'separation');
    const minima = {
      horizontalM: metresParam(rule.params, 'horizontal', this.opts.separation.horizontalM),
      verticalM: metresParam(rule.params, 'vertical', this.opts.separation.verticalM),
    };
    const pairs = findConflicts(airborne, minima.horizontalM, minima.verticalM);
    for (const [key, id, finding] of separationViolations(airborne, pairs, this.rulebook, minima))
      byId.set(id, [...(byId.get(id) ?? []), [key, finding]]);
    return byId;
  }

  private judge(
    w: Watched,
    s: MonitorSample,
    separation: readonly [string, Finding][],
    tMs: number,
    reason: CloseReason,
    out: MonitorEvent[],
  ): void {
    if (!s.airborne) {
      diffFindings(w, new Map(), [], tMs, reason, out, this.hold, true);
      return;
    }
    const zones = this.zoneIdsAt(s);
    if (needsRecheck(w.checked, s, zones, this.recheck)) {
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
      const violations = w.evaluator.check(live);
      // Updated in place: these records live for many ticks (an allocation here would be promoted).
      if (w.checked) {
        w.checked.violations = violations;
        copySample(s, w.checked.at);
        w.checked.zones = zones;
      } else w.checked = { violations, at: copySample(s), zones };
    }
    // What holds now, in scratch arrays (this runs for every aircraft on every tick: no Map unless needed).
    // Plan-level findings (registration, category…) hold for as long as the aircraft is airborne.
    const keys = this.keyBuf;
    const held = this.heldBuf;
    keys.length = 0;
    held.length = 0;
    for (const h of w.planNow) {
      keys.push(h.key);
      held.push(h);
    }
    // Violations are pushed as they are: their findings are worded only if a key opens.
    for (const v of w.checked?.violations ?? [])
      if (!keys.includes(v.key)) {
        keys.push(v.key);
        held.push(v);
      }
    if (w.info.declared) {
      const c = conformanceViolation(w.info.declared, s, this.conformance, w.info.plan?.start, w.legHint);
      if (c) {
        keys.push(c[0]);
        held.push({ key: c[0], finding: c[1] });
      }
    }
    for (const [k, f] of separation) {
      keys.push(k);
      held.push({ key: k, finding: f });
    }
    // Steady state (same findings, same zones, nothing waiting to close): nothing to do.
    if (reason === 'cleared' && w.pending === 0 && sameIds(zones, w.zones) && keys.length === w.open.size) {
      let same = true;
      for (const k of keys)
        if (!w.open.has(k)) {
          same = false;
          break;
        }
      if (same) return;
    }
    const now = new Map<string, Held>();
    for (let i = 0; i < keys.length; i++) now.set(keys[i], held[i]);
    diffFindings(w, now, zones, s.tMs, reason, out, this.hold, reason !== 'cleared');
  }

  /**
   * Ids of the zones containing the sample. With no rulebook zone changes, straight from the index into a
   * reused buffer (no allocation in the common "same zones as last tick" case); otherwise via the engine's
   * airspace view (rulebook zones added, withdrawn zones removed).
   */
  private zoneIdsAt(s: MonitorSample): readonly string[] {
    if (this.rulebook.zones.length > 0 || this.rulebook.withdrawnZones.length > 0)
      return this.view.zonesAt(s.lon, s.lat, s.altAmslM, s.tMs).map((z) => z.id);
    const ix = this.opts.airspace;
    const n = Math.min(ix.pointQuery(s.lon, s.lat, s.altAmslM, s.tMs, this.hits), this.hits.length);
    if (n === 0) return NONE;
    const ids: string[] = new Array(n);
    for (let k = 0; k < n; k++) ids[k] = ix.zones[this.hits[k]].id;
    return ids;
  }

  openFindings(): OpenFinding[] {
    return [...this.watched.values()].flatMap((w) => [...w.open.values()]);
  }

  occupancy(): Record<string, string[]> {
    const r: Record<string, string[]> = {};
    for (const w of this.watched.values()) if (w.zones.length > 0) r[w.info.id] = [...w.zones];
    return r;
  }

  /** Monitor-derived flags for an aircraft state (violating, conflict, off-plan). */
  flagsOf(id: string): number {
    return this.watched.get(id)?.flags ?? 0;
  }
}

export type {
  CloseReason,
  MonitorEvent,
  MonitoredAircraft,
  MonitorOptions,
  MonitorSample,
  OpenFinding,
  RecheckPolicy,
} from './monitor-types.js';
export { DEFAULT_RECHECK } from './monitor-types.js';
