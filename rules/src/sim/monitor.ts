import { groundedAirspace } from '../engine/ground-reference.js';
import { createAirspaceView, type LiveEvaluator } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { conformanceCheck, newConformanceTrack, planNow } from './monitor-checks.js';
import { type JudgeContext, judgeAircraft } from './monitor-judge.js';
import { prepareEvaluator, rejudgeProfile, useEvaluator } from './monitor-profile.js';
import { type SeparationHeld, separationByAircraft } from './monitor-space.js';
import { diffFindings, NONE, type Watched } from './monitor-state.js';
import {
  DEFAULT_RECHECK,
  type MonitorEvent,
  type MonitoredAircraft,
  type MonitorOptions,
  type MonitorSample,
  type OpenFinding,
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
  /** the rulebook, ground, zones view, conformance check and airspace epoch every aircraft is judged with */
  private readonly judging: JudgeContext;
  private readonly watched = new Map<string, Watched>();
  private readonly shared = new Map<string, LiveEvaluator>();
  /** the watched record of each sample of the last observe, by its place (see observe) */
  private readonly watchedBuf: (Watched | undefined)[] = [];
  /** ids of permissions withdrawn (suspended, revoked): aircraft declaring one are judged without it */
  private withdrawn: ReadonlySet<string> = new Set();
  private zonesSeen: readonly unknown[];
  /** the fallback minima when the rulebook has no `separation` rule (a draft's trial minima replace them) */
  private separation: MonitorOptions['separation'];

  constructor(private readonly opts: MonitorOptions) {
    const grounded = groundedAirspace(opts.airspace, opts.rulebook).index;
    this.judging = {
      rulebook: opts.rulebook,
      grounded,
      view: createAirspaceView(grounded, opts.rulebook.zones, opts.rulebook.withdrawnZones),
      conformance: conformanceCheck(opts.rulebook, opts.conformance),
      epoch: 0,
      recheck: { ...DEFAULT_RECHECK, ...opts.recheck },
      hold: opts.closeHoldMs ?? 5000,
      hits: new Int32Array(64),
    };
    this.zonesSeen = opts.airspace.zones;
    this.separation = opts.separation;
  }

  /**
   * Zones appeared, disappeared or changed activity outside their schedules (scenario zones, crowds): margins
   * measured before no longer hold. (A changed catalogue is noticed on its own.)
   */
  airspaceChanged(): void {
    this.judging.epoch++;
  }

  get currentRulebook(): Rulebook {
    return this.judging.rulebook;
  }

  /**
   * The evaluator `add` would give this aircraft now. An evaluator depends on the airspace when it is prepared (a
   * plan's route is evaluated then): a monitor shard prepares every aircraft's at the start, as the single monitor
   * does, and adds each aircraft with its own when it first comes over the shard's tiles.
   */
  prepareFor(info: MonitoredAircraft): LiveEvaluator {
    return prepareEvaluator(info, this.judging.rulebook, this.opts, this.withdrawn, this.shared);
  }

  add(info: MonitoredAircraft, prepared?: LiveEvaluator): LiveEvaluator {
    const evaluator = prepared ?? this.prepareFor(info);
    const before = this.watched.get(info.id);
    if (before) before.retired = true;
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
      separationKeys: NONE,
      retired: false,
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
    useEvaluator(w, this.prepareFor(info));
    const out: MonitorEvent[] = [];
    rejudgeProfile(this.judging, w, tMs, out);
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
    diffFindings(w, new Map(), [], tMs, 'aircraft-removed', out, this.judging.hold, true);
    this.watched.delete(id);
    w.retired = true;
    return out;
  }

  /**
   * Judge all samples taken at one instant. Aircraft without a sample keep their state. With `judged` (sharded
   * monitoring), only samples i with judged[i] = 1 are judged; the others still count as traffic for separation
   * (watched here or not: a shard watches only the aircraft it owns). With `slots` (sharded monitoring), slots[i] is
   * a place that stays sample i's aircraft's from tick to tick (its registry index), for flagsAt: a shard's sample
   * list shifts whenever an aircraft crosses a border or leaves the halo, so places in it would not.
   */
  observe(samples: readonly MonitorSample[], tMs: number, judged?: Uint8Array, slots?: Int32Array): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    const ctx = this.judging;
    if (this.opts.airspace.zones !== this.zonesSeen) {
      this.zonesSeen = this.opts.airspace.zones;
      ctx.epoch++;
      // a copy over another ground is rebuilt with the new zones: judge with it
      const grounded = groundedAirspace(this.opts.airspace, ctx.rulebook).index;
      if (grounded !== ctx.grounded) {
        ctx.grounded = grounded;
        ctx.view = createAirspaceView(grounded, ctx.rulebook.zones, ctx.rulebook.withdrawnZones);
      }
    }
    const airborne: MonitorSample[] = [];
    // The watched record of each sample, by place. Samples usually come in the same order tick after tick, so last
    // tick's record is tried first (an id compare) before the map lookup (which reads the id string's hash: one more
    // cache miss per aircraft); a record removed or replaced since is retired.
    const of = this.watchedBuf;
    if (slots === undefined) of.length = samples.length;
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      const slot = slots === undefined ? i : slots[i];
      // pushed, not written past the end: a sparse array would fall back to a slow dictionary
      while (of.length <= slot) of.push(undefined);
      let w = of[slot];
      if (w === undefined || w.retired || w.info.id !== s.id) w = this.watched.get(s.id);
      of[slot] = w;
      if (w) w.last = s;
      // sharded: an aircraft in the halo is not watched here, but it is traffic for the ones judged here
      if (s.airborne && (w || judged !== undefined)) airborne.push(s);
    }
    // By watched record, looked up for the few aircraft in conflict: a lookup by id for every aircraft would read
    // each one's id string (its hash), one more cache miss per aircraft and tick.
    const conflicts = new Map<Watched, SeparationHeld[]>();
    for (const [id, list] of this.conflicts(airborne)) {
      const w = this.watched.get(id);
      if (w) conflicts.set(w, list);
    }
    const anyConflict = conflicts.size > 0;
    for (let i = 0; i < samples.length; i++) {
      const w = of[slots === undefined ? i : slots[i]];
      if (!w || (judged !== undefined && judged[i] === 0)) continue;
      const s = samples[i];
      const separation = anyConflict ? (conflicts.get(w) ?? NO_CONFLICTS) : NO_CONFLICTS;
      judgeAircraft(ctx, w, s, separation, tMs, 'cleared', out);
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
      useEvaluator(w, this.prepareFor(w.info));
      rejudgeProfile(this.judging, w, tMs, out);
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
    const ctx = this.judging;
    ctx.rulebook = rulebook;
    if (separation) this.separation = separation;
    ctx.grounded = groundedAirspace(this.opts.airspace, rulebook).index;
    ctx.view = createAirspaceView(ctx.grounded, rulebook.zones, rulebook.withdrawnZones);
    ctx.conformance = conformanceCheck(rulebook, this.opts.conformance);
    this.shared.clear();
    for (const w of this.watched.values()) useEvaluator(w, this.prepareFor(w.info));
    const out: MonitorEvent[] = [];
    const last = traffic ?? [...this.watched.values()].flatMap((w) => (w.last ? [w.last] : []));
    const conflicts = this.conflicts(last.filter((s) => s.airborne));
    for (const w of this.watched.values())
      if (w.last) judgeAircraft(ctx, w, w.last, conflicts.get(w.info.id) ?? [], tMs, 'rulebook-changed', out);
    return out;
  }

  private conflicts(airborne: readonly MonitorSample[]): Map<string, SeparationHeld[]> {
    return separationByAircraft(airborne, this.judging.rulebook, this.separation);
  }

  /** An aircraft's judged state, for another monitor to continue from (sharded monitoring hands aircraft over). */
  handOff(id: string): WatchedSnapshot | undefined {
    const w = this.watched.get(id);
    return w ? snapshotOf(w) : undefined;
  }

  /** handOff, and stop watching it here without a word (it is judged by another monitor from now on). */
  release(id: string): WatchedSnapshot | undefined {
    const w = this.watched.get(id);
    if (!w) return undefined;
    this.watched.delete(id);
    w.retired = true;
    return snapshotOf(w);
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

  /**
   * flagsOf for the aircraft of sample `i` of the last observe, or of `slot` when observe was given slots (no
   * lookup when it is the same aircraft).
   */
  flagsAt(slot: number, id: string): number {
    const w = this.watchedBuf[slot];
    return w !== undefined && !w.retired && w.info.id === id ? w.flags : this.flagsOf(id);
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
