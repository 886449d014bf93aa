import type { ZoneIndex } from '../airspace/types.js';
import { groundedAirspace } from '../engine/ground-reference.js';
import { type AirspaceView, createAirspaceView, type LiveEvaluator, prepareLive } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import {
  type ConformanceCheck,
  conformanceCheck,
  conformanceViolation,
  needsRecheck,
  newConformanceTrack,
  planNow,
  sameKeys,
} from './monitor-checks.js';
import { type SeparationHeld, separationByAircraft, zoneIdsAt } from './monitor-space.js';
import { copySample, diffFindings, type Held, NONE, type Watched } from './monitor-state.js';
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
import { restoreInto, snapshotOf, type WatchedSnapshot } from './sharded/handoff.js';

const NO_CONFLICTS: readonly [string, Finding][] = Object.freeze([]);

/**
 * Incremental live monitoring. Each `observe` judges every aircraft at one instant with the engine's
 * per-sample rules (prepareLive: the same code as route checks) plus the monitor's own advisories
 * (separation, plan conformance), and returns only what changed: zone entries and exits, findings
 * opened and closed. Deterministic for the same inputs.
 */
export class Monitor {
  private rulebook: Rulebook;
  /** the catalogue index over the ground the rulebook measures AGL from (terrain or surface: ground-reference.ts) */
  private grounded: ZoneIndex;
  private view: AirspaceView;
  private readonly watched = new Map<string, Watched>();
  private readonly shared = new Map<string, LiveEvaluator>();
  private conformance: ConformanceCheck;
  private readonly hits = new Int32Array(64);
  private readonly recheck: RecheckPolicy;
  private readonly hold: number;
  private readonly watchedBuf: (Watched | undefined)[] = [];
  /** bumped when zones appear or disappear: every aircraft's rules run again */
  private epoch = 0;
  /** ids of permissions withdrawn (suspended, revoked): aircraft declaring one are judged without it */
  private withdrawn: ReadonlySet<string> = new Set();
  private zonesSeen: readonly unknown[];
  /** the fallback minima when the rulebook has no `separation` rule (a draft's trial minima replace them) */
  private separation: MonitorOptions['separation'];

  constructor(private readonly opts: MonitorOptions) {
    this.rulebook = opts.rulebook;
    this.grounded = groundedAirspace(opts.airspace, opts.rulebook).index;
    this.view = createAirspaceView(this.grounded, opts.rulebook.zones, opts.rulebook.withdrawnZones);
    this.conformance = conformanceCheck(opts.rulebook, opts.conformance);
    this.recheck = { ...DEFAULT_RECHECK, ...opts.recheck };
    this.hold = opts.closeHoldMs ?? 5000;
    this.zonesSeen = opts.airspace.zones;
    this.separation = opts.separation;
  }

  /**
   * Zones appeared, disappeared or changed activity outside their schedules (scenario zones, crowds): margins
   * measured before no longer hold. (A changed catalogue is noticed on its own.)
   */
  airspaceChanged(): void {
    this.epoch++;
  }

  get currentRulebook(): Rulebook {
    return this.rulebook;
  }

  /**
   * The evaluator `add` would give this aircraft now. An evaluator depends on the airspace when it is prepared (a
   * plan's route is evaluated then): a monitor shard prepares every aircraft's at the start, as the single monitor
   * does, and adds each aircraft with its own when it first comes over the shard's tiles.
   */
  prepareFor(info: MonitoredAircraft): LiveEvaluator {
    // a plan carries its declared permissions itself (ids or inline objects): withdrawn ones leave it too
    const withdrawn = this.withdrawn;
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
        rulebook: this.rulebook,
        airspace: this.opts.airspace,
        permissions: withdrawn.size === 0 ? info.permissions : info.permissions.filter((p) => !withdrawn.has(p.id)),
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

  add(info: MonitoredAircraft, prepared?: LiveEvaluator): LiveEvaluator {
    const evaluator = prepared ?? this.prepareFor(info);
    this.watchedBuf.length = 0;
    this.watched.set(info.id, {
      info,
      evaluator,
      planNow: planNow(evaluator),
      open: new Map(),
      zones: NONE,
      last: null,
      conformance: newConformanceTrack(),
      checked: null,
      pending: 0,
      flags: 0,
      synced: false,
      offPlanKey: null,
      separations: 0,
    });
    return evaluator;
  }

  /**
   * A watched aircraft's profile changed (a telemetry source declared its aircraft, crew or permissions): judge it
   * afresh at its last sample. What no longer holds closes at once ('profile-changed'); separation stays as it was.
   */
  update(info: MonitoredAircraft, tMs: number): MonitorEvent[] {
    const w = this.watched.get(info.id);
    if (!w) {
      this.add(info);
      return [];
    }
    w.info = info;
    w.evaluator = this.prepareFor(info);
    w.planNow = planNow(w.evaluator);
    w.checked = null;
    w.synced = false;
    const out: MonitorEvent[] = [];
    if (!w.last) return out;
    const separation: [string, Finding][] = [];
    for (const o of w.open.values()) if (o.finding.kind === 'separation') separation.push([o.key, o.finding]);
    this.judge(w, w.last, separation, tMs, 'profile-changed', out);
    return out;
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
    this.watchedBuf.length = 0;
    return out;
  }

  /**
   * Judge all samples taken at one instant. Aircraft without a sample keep their state. With `judged` (sharded
   * monitoring), only samples i with judged[i] = 1 are judged; the others still count as traffic for separation
   * (watched here or not: a shard watches only the aircraft it owns).
   */
  observe(samples: readonly MonitorSample[], tMs: number, judged?: Uint8Array): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    if (this.opts.airspace.zones !== this.zonesSeen) {
      this.zonesSeen = this.opts.airspace.zones;
      this.epoch++;
      // a copy over another ground is rebuilt with the new zones: judge with it
      const grounded = groundedAirspace(this.opts.airspace, this.rulebook).index;
      if (grounded !== this.grounded) {
        this.grounded = grounded;
        this.view = createAirspaceView(grounded, this.rulebook.zones, this.rulebook.withdrawnZones);
      }
    }
    const airborne: MonitorSample[] = [];
    // The watched record of each sample, by index. Samples usually come in the same order tick after tick,
    // so last tick's record is tried first (an id compare) before the map lookup; add and remove clear them.
    const of = this.watchedBuf;
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      let w = of[i];
      if (w === undefined || w.info.id !== s.id) w = this.watched.get(s.id);
      of[i] = w;
      if (w) w.last = s;
      // sharded: an aircraft in the halo is not watched here, but it is traffic for the ones judged here
      if (s.airborne && (w || judged !== undefined)) airborne.push(s);
    }
    of.length = samples.length;
    // By watched record, looked up for the few aircraft in conflict: a lookup by id for every aircraft would read
    // each one's id string (its hash), one more cache miss per aircraft and tick.
    const conflicts = new Map<Watched, SeparationHeld[]>();
    for (const [id, list] of this.conflicts(airborne)) {
      const w = this.watched.get(id);
      if (w) conflicts.set(w, list);
    }
    const anyConflict = conflicts.size > 0;
    for (let i = 0; i < samples.length; i++) {
      const w = of[i];
      if (!w || (judged !== undefined && judged[i] === 0)) continue;
      const s = samples[i];
      const separation = anyConflict ? (conflicts.get(w) ?? NO_CONFLICTS) : NO_CONFLICTS;
      this.judge(w, s, separation, tMs, 'cleared', out);
    }
    return out;
  }

  /**
   * Permissions were withdrawn (suspended, revoked) or reinstated: every aircraft declaring one whose status
   * changed is judged afresh at its last sample, so what it no longer covers opens now (and what it covers again
   * closes, reason 'profile-changed'). Separation stays as it was.
   */
  setWithdrawnPermissions(ids: ReadonlySet<string>, tMs: number): MonitorEvent[] {
    const before = this.withdrawn;
    this.withdrawn = new Set(ids);
    const changed = (id: string) => before.has(id) !== ids.has(id);
    const affected = [...this.watched.values()].filter((w) => w.info.permissions.some((p) => changed(p.id)));
    const out: MonitorEvent[] = [];
    // evaluators shared by profile were prepared with the old set: none of them may be handed out again
    if ([...before].some(changed) || [...ids].some(changed)) this.shared.clear();
    if (affected.length === 0) return out;
    for (const w of affected) {
      w.evaluator = this.prepareFor(w.info);
      w.planNow = planNow(w.evaluator);
      w.checked = null;
      w.synced = false;
      if (!w.last) continue;
      const separation: [string, Finding][] = [];
      for (const o of w.open.values()) if (o.finding.kind === 'separation') separation.push([o.key, o.finding]);
      this.judge(w, w.last, separation, tMs, 'profile-changed', out);
    }
    return out;
  }

  /**
   * Swap the rulebook (or an applied draft), and the separation minima when given (a draft's trial minima, or
   * back to the scenario's), and re-judge every aircraft at its last sample. `traffic` (sharded monitoring): the
   * last samples to find conflicts among, the unwatched halo included, in the single monitor's order (else the
   * watched aircraft's last samples).
   */
  setRulebook(
    rulebook: Rulebook,
    tMs: number,
    separation?: MonitorOptions['separation'],
    traffic?: readonly MonitorSample[],
  ): MonitorEvent[] {
    this.rulebook = rulebook;
    if (separation) this.separation = separation;
    this.grounded = groundedAirspace(this.opts.airspace, rulebook).index;
    this.view = createAirspaceView(this.grounded, rulebook.zones, rulebook.withdrawnZones);
    this.conformance = conformanceCheck(rulebook, this.opts.conformance);
    this.shared.clear();
    for (const w of this.watched.values()) {
      w.evaluator = this.prepareFor(w.info);
      w.planNow = planNow(w.evaluator);
      w.checked = null;
      w.synced = false;
    }
    const out: MonitorEvent[] = [];
    const last = traffic ?? [...this.watched.values()].flatMap((w) => (w.last ? [w.last] : []));
    const conflicts = this.conflicts(last.filter((s) => s.airborne));
    for (const w of this.watched.values())
      if (w.last) this.judge(w, w.last, conflicts.get(w.info.id) ?? [], tMs, 'rulebook-changed', out);
    return out;
  }

  private conflicts(airborne: readonly MonitorSample[]): Map<string, SeparationHeld[]> {
    return separationByAircraft(airborne, this.rulebook, this.separation);
  }

  private judge(
    w: Watched,
    s: MonitorSample,
    separation: readonly (SeparationHeld | readonly [string, Finding])[],
    tMs: number,
    reason: CloseReason,
    out: MonitorEvent[],
  ): void {
    if (!s.airborne) {
      if (w.open.size > 0 || w.zones.length > 0) diffFindings(w, new Map(), [], tMs, reason, out, this.hold, true);
      w.synced = false;
      return;
    }
    const zones = zoneIdsAt(s, w.zones, this.rulebook, this.view, this.grounded, this.hits);
    // Nothing to do when what holds has the same keys as at the last diff and nothing waits to close.
    let changed = !w.synced || reason !== 'cleared' || w.pending > 0 || zones !== w.zones;
    const elevation = this.view.elevation;
    if (needsRecheck(w.checked, s, zones, this.epoch, this.recheck, elevation)) {
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
      const margin = w.checked?.margin ?? {
        known: false,
        heightM: 0,
        aglM: 0,
        amslM: 0,
        speedKmh: 0,
        distanceM: 0,
        untilMs: 0,
      };
      const violations = w.evaluator.check(live, margin);
      const aglM = s.altAmslM - elevation.groundM(s.lon, s.lat);
      if (w.checked) {
        if (!changed && !sameKeys(w.checked.violations, violations)) changed = true;
        w.checked.violations = violations;
        copySample(s, w.checked.at);
        w.checked.aglM = aglM;
        w.checked.zones = zones;
        w.checked.epoch = this.epoch;
      } else {
        w.checked = { violations, at: copySample(s), aglM, zones, epoch: this.epoch, margin };
        changed = true;
      }
    }
    const offPlan = w.info.declared
      ? conformanceViolation(
          w.info.declared,
          s,
          this.conformance,
          w.info.plan?.start,
          w.conformance,
          this.recheck.margins && reason === 'cleared',
        )
      : null;
    if ((offPlan?.key ?? null) !== w.offPlanKey || separation.length > 0 || w.separations > 0) changed = true;
    if (!changed) return;

    // What holds now. Plan-level findings (registration, category…) hold for as long as the aircraft is
    // airborne; violations are pushed as they are: their findings are worded only if a key opens.
    const now = new Map<string, Held>();
    for (const h of w.planNow) now.set(h.key, h);
    for (const v of w.checked?.violations ?? []) if (!now.has(v.key)) now.set(v.key, v);
    if (offPlan) now.set(offPlan.key, offPlan);
    // advisories found this tick are worded only if they open; re-judging passes the open ones' findings
    for (const e of separation) now.set('key' in e ? e.key : e[0], 'key' in e ? e : { key: e[0], finding: e[1] });
    diffFindings(w, now, zones, s.tMs, reason, out, this.hold, reason !== 'cleared');
    w.synced = true;
    w.offPlanKey = offPlan?.key ?? null;
    w.separations = separation.length;
  }

  /** An aircraft's judged state, for another monitor to continue from (sharded monitoring hands aircraft over). */
  handOff(id: string): WatchedSnapshot | undefined {
    const w = this.watched.get(id);
    return w ? snapshotOf(w) : undefined;
  }

  /** handOff, and stop watching it here without a word (it is judged by another monitor from now on). */
  release(id: string): WatchedSnapshot | undefined {
    const snapshot = this.handOff(id);
    this.watched.delete(id);
    this.watchedBuf.length = 0;
    return snapshot;
  }

  /** Continue an aircraft from another monitor's `handOff` (same rulebook, airspace epoch and profile). */
  takeOver(snapshot: WatchedSnapshot): boolean {
    const w = this.watched.get(snapshot.id);
    if (w) restoreInto(w, snapshot);
    return w !== undefined;
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

  /** flagsOf for the aircraft of sample `i` of the last observe (no lookup when it is the same aircraft). */
  flagsAt(i: number, id: string): number {
    const w = this.watchedBuf[i];
    return w !== undefined && w.info.id === id ? w.flags : this.flagsOf(id);
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
