import type { Rulebook } from '../../../rules/src/model/rulebook.js';
import {
  AircraftFlag,
  type AircraftInfo,
  type ClockState,
  type ControlAction,
  type LiveFinding,
  type PackedStates,
  type RulebookRef,
  type SessionInfo,
  type Snapshot,
  StatePacker,
  type TelemetrySample,
  type TickBatch,
} from '../../../rules/src/protocol/index.js';
import { SimClock } from '../../../rules/src/sim/clock.js';
import type { MonitorEvent } from '../../../rules/src/sim/monitor.js';
import { ScenarioRun } from '../../../rules/src/sim/run.js';
import type { Scenario } from '../../../rules/src/sim/scenario.js';
import type { WorldEvent } from '../../../rules/src/sim/simulation.js';
import { EventLog, type LoggedEvent } from './event-log.js';
import { RowIds } from './row-ids.js';
import { RealtimeError } from './rulebook-select.js';
import type { SessionConfig, SessionSink } from './session-types.js';
import {
  clockState,
  fromMonitorEvent,
  fromWorldEvent,
  liveFindings,
  sessionInfo,
  simAircraftInfo,
} from './session-view.js';
import { monitoredTrack, TelemetryTracks, type Track, unknownPermissions } from './tracks.js';

const MONITOR_FLAGS = AircraftFlag.violating | AircraftFlag.conflict | AircraftFlag.offPlan;

/**
 * One live simulation: a scenario run driven by wall-clock pulses (× speed), with telemetry aircraft mixed
 * in, an event log for resuming clients, and output to a sink. Every `tick` number strictly increases;
 * every finding and zone event gets the next `seq`.
 */
export class Session {
  readonly id: string;
  readonly createdAt = Date.now();
  viewers = 0;
  idleMs = 0;
  private run: ScenarioRun;
  private readonly clk: SimClock;
  private tickNo = 0;
  private seqNo = 0;
  private wallMs = 0;
  private readonly log: EventLog;
  private readonly tracks = new TelemetryTracks();
  private readonly rowIds = new RowIds();
  private pendingTelemetry = false;
  private added: AircraftInfo[] = [];
  private removed: string[] = [];
  private clockDirty = true;
  private rulebookDirty = false;
  private rulebook: Rulebook;
  rulebookRef: RulebookRef;

  constructor(
    private readonly cfg: SessionConfig,
    private readonly sink: SessionSink,
  ) {
    this.id = cfg.id;
    this.rulebook = cfg.rulebook;
    this.rulebookRef = cfg.rulebookRef;
    this.clk = new SimClock({ playing: cfg.playing, speed: cfg.speed });
    this.log = new EventLog(cfg.logCapacity);
    this.run = this.newRun();
  }

  get scenario(): Scenario {
    return this.cfg.scenario;
  }

  get tick(): number {
    return this.tickNo;
  }

  get seq(): number {
    return this.seqNo;
  }

  private newRun(): ScenarioRun {
    return new ScenarioRun(this.cfg.scenario, {
      rulebook: this.rulebook,
      airspace: this.cfg.airspace,
      permissions: this.cfg.permissions,
      sharedEvaluators: this.cfg.sharedEvaluators,
    });
  }

  clock(): ClockState {
    return clockState(this.run, this.clk);
  }

  info(): SessionInfo {
    return sessionInfo(this.cfg, this.rulebookRef, this.clock());
  }

  aircraftInfo(): AircraftInfo[] {
    return simAircraftInfo(this.run).concat(this.tracks.values().map((t) => t.info));
  }

  private states(): PackedStates {
    const packer = new StatePacker(this.run.sim.aircraft.length + this.tracks.size);
    this.run.packStates(packer);
    for (const t of this.tracks.values()) {
      t.state.flags = (t.state.flags & ~MONITOR_FLAGS) | this.run.monitor.flagsOf(t.id);
      packer.add(t.state);
    }
    return packer.finish();
  }

  openFindings(): LiveFinding[] {
    return liveFindings(this.run.monitor);
  }

  snapshot(reason: Snapshot['reason']): Snapshot {
    this.rowIds.sentElsewhere();
    return {
      session: this.info(),
      reason,
      tick: this.tickNo,
      seq: this.seqNo,
      aircraftInfo: this.aircraftInfo(),
      aircraft: this.states(),
      findings: this.openFindings(),
      zones: this.run.sim.zones(),
      occupancy: this.run.monitor.occupancy(),
    };
  }

  /** Events a client that saw up to `lastSeq` missed, or null when they are no longer kept. */
  replaySince(lastSeq: number): LoggedEvent[] | null {
    return lastSeq > this.seqNo ? null : this.log.since(lastSeq);
  }

  private record(e: LoggedEvent): void {
    this.log.push(e);
    this.sink.event(e);
  }

  private header(tMs: number) {
    return { sessionId: this.id, seq: ++this.seqNo, tick: this.tickNo + 1, simTimeMs: tMs };
  }

  private emitMonitor(events: readonly MonitorEvent[]): void {
    for (const e of events) this.record(fromMonitorEvent(e, this.header(e.tMs)));
  }

  private emitWorld(events: readonly WorldEvent[]): void {
    for (const e of events) {
      const logged = fromWorldEvent(e, () => this.header(this.run.simTimeMs));
      if (logged) this.record(logged);
    }
  }

  private trackSamples() {
    return this.tracks.values().map((t) => t.sample);
  }

  /** One fixed simulation step, with telemetry aircraft judged at their latest sample. */
  stepOnce(): void {
    if (this.run.done) {
      if (this.cfg.loop) this.rebuild(0, 'seek');
      else {
        this.clk.playing = false;
        this.clockDirty = true;
      }
      return;
    }
    const { world, monitor } = this.run.step(this.trackSamples());
    this.pendingTelemetry = false;
    this.emitWorld(world);
    this.emitMonitor(monitor);
  }

  private emitTick(): void {
    this.tickNo++;
    const batch: TickBatch = {
      sessionId: this.id,
      tick: this.tickNo,
      simTimeMs: this.run.simTimeMs,
      elapsedMs: this.run.sim.elapsedMs,
      seq: this.seqNo,
      aircraft: this.rowIds.forBroadcast(this.states()),
    };
    if (this.added.length > 0) batch.added = this.added;
    if (this.removed.length > 0) batch.removed = this.removed;
    if (this.clockDirty) batch.clock = this.clock();
    if (this.rulebookDirty) batch.rulebook = this.rulebookRef;
    this.added = [];
    this.removed = [];
    this.clockDirty = false;
    this.rulebookDirty = false;
    this.sink.tick(batch);
  }

  /** The current state as a tick with the current number, for a client resuming after a gap in ticks only. */
  resumeTick(): TickBatch {
    this.rowIds.sentElsewhere();
    return {
      sessionId: this.id,
      tick: this.tickNo,
      simTimeMs: this.run.simTimeMs,
      elapsedMs: this.run.sim.elapsedMs,
      seq: this.seqNo,
      aircraft: this.states(),
      added: this.aircraftInfo(),
      clock: this.clock(),
      rulebook: this.rulebookRef,
    };
  }

  /** Advance by a wall-clock interval (× speed); broadcasts one tick if anything moved. */
  pulse(wallDeltaMs: number): void {
    this.wallMs += wallDeltaMs;
    this.expireTracks();
    let steps = 0;
    const due = this.clk.due(wallDeltaMs, this.run.sim.stepMs, this.cfg.maxStepsPerPulse ?? 200);
    for (; steps < due && this.clk.playing; steps++) this.stepOnce();
    if (!this.clk.playing && this.pendingTelemetry) {
      // Paused: still judge telemetry as it arrives (simulated aircraft are re-judged where they stand).
      const sim = this.run.sim.aircraft.map((a) => this.run.sampleOf(a));
      this.emitMonitor(this.run.monitor.observe(sim.concat(this.trackSamples()), this.run.simTimeMs));
      this.pendingTelemetry = false;
      steps++;
    }
    if (steps > 0 || this.clockDirty || this.rulebookDirty || this.added.length > 0 || this.removed.length > 0)
      this.emitTick();
  }

  /** Re-simulate from the start to `elapsedMs` (deterministic), then send everyone a snapshot. */
  private rebuild(elapsedMs: number, reason: 'seek' | 'rulebook-changed'): void {
    this.run = this.newRun();
    for (const t of this.tracks.values()) this.run.monitor.add(monitoredTrack(t, this.cfg.permissions));
    const target = Math.min(elapsedMs, this.run.compiled.durationMs);
    while (this.run.sim.elapsedMs + this.run.sim.stepMs <= target) this.run.step();
    this.clk.reset();
    this.clockDirty = true;
    // The seek itself takes a seq: a client that saw less than it missed the snapshot and cannot resume.
    this.seqNo++;
    this.log.reset(this.seqNo + 1);
    this.tickNo++;
    this.sink.snapshot(this.snapshot(reason));
  }

  /** Apply a clock action (set-rulebook is resolved by the caller and passed as `rulebook`). */
  control(action: ControlAction, resolved?: { rulebook: Rulebook; ref: RulebookRef }): SessionInfo {
    switch (action.action) {
      case 'play':
        if (this.run.done && !this.cfg.loop) this.rebuild(0, 'seek');
        this.clk.playing = true;
        break;
      case 'pause':
        this.clk.playing = false;
        break;
      case 'speed':
        this.clk.speed = action.speed;
        break;
      case 'step':
        this.clk.playing = false;
        this.clk.reset();
        for (let i = 0; i < action.steps && !this.run.done; i++) this.stepOnce();
        this.clockDirty = true;
        this.emitTick();
        break;
      case 'seek':
        this.rebuild(action.elapsedMs, 'seek');
        break;
      case 'set-rulebook':
        if (!resolved) throw new Error('set-rulebook needs a resolved rulebook');
        this.rulebook = resolved.rulebook;
        this.rulebookRef = resolved.ref;
        this.emitMonitor(this.run.setRulebook(resolved.rulebook));
        this.rulebookDirty = true;
        this.emitTick();
        break;
    }
    this.clockDirty = true;
    return this.info();
  }

  /**
   * Accept telemetry samples (already validated); they are judged on the next pulse. A declared profile naming a
   * permission this session does not know is refused (RealtimeError with the issue paths) and nothing is taken.
   */
  ingest(samples: readonly TelemetrySample[], source: string): number {
    const issues = unknownPermissions(samples, this.cfg.permissions);
    if (issues.length > 0) throw new RealtimeError('invalid-payload', 'invalid telemetry profile', issues);
    const { fresh, reprofiled } = this.tracks.ingest(samples, source, this.wallMs, this.cfg.airspace.elevation);
    for (const track of fresh) {
      this.run.monitor.add(monitoredTrack(track, this.cfg.permissions));
      this.added.push(this.withCategory(track));
    }
    for (const track of reprofiled) {
      this.emitMonitor(this.run.monitor.update(monitoredTrack(track, this.cfg.permissions), this.run.simTimeMs));
      this.added.push(this.withCategory(track));
    }
    if (samples.length > 0) this.pendingTelemetry = true;
    return samples.length;
  }

  /** A track's info with the category its evaluator classified (sent in `tick.added`). */
  private withCategory(track: Track): AircraftInfo {
    const category = this.run.monitor.evaluatorOf(track.id)?.category;
    if (category) track.info.category = category;
    return track.info;
  }

  private expireTracks(): void {
    for (const id of this.tracks.expire(this.wallMs, this.cfg.trackTimeoutMs ?? 30_000)) {
      this.removed.push(id);
      this.emitMonitor(this.run.monitor.remove(id, this.run.simTimeMs));
    }
  }
}

export type { SessionConfig, SessionSink } from './session-types.js';
