import type { Rulebook } from '@sua-sandbox/rules/model';
import {
  AircraftFlag,
  type AircraftInfo,
  type ClockState,
  type LiveFinding,
  type PackedStates,
  type RulebookRef,
  type SessionInfo,
  type Snapshot,
  StatePacker,
  type TickBatch,
} from '@sua-sandbox/rules/protocol';
import type { MonitorEvent, OpenFinding, Scenario, WorldEvent } from '@sua-sandbox/rules/sim';
import { ScenarioRun, SimClock } from '@sua-sandbox/rules/sim';
import type { SeparationMinima } from '@sua-sandbox/rules/traffic';
import { builtinTraffic } from '../services/impact/traffic.js';
import { EventLog, type LoggedEvent } from './event-log.js';
import { FindingTally } from './finding-tally.js';
import { IntentWatch } from './intent-watch.js';
import { monitoredTrack } from './monitored-track.js';
import { RowIds } from './row-ids.js';
import type { SessionConfig, SessionSink } from './session-types.js';
import {
  clockState,
  fromMonitorEvent,
  fromWorldEvent,
  liveFindings,
  sessionInfo,
  simAircraftInfo,
} from './session-view.js';
import { TelemetryTracks, type Track } from './tracks.js';

const MONITOR_FLAGS = AircraftFlag.violating | AircraftFlag.conflict | AircraftFlag.offPlan;

/**
 * The state of a live session and how it is sent: run, clock, tick and seq numbers, event log, telemetry tracks,
 * snapshots and batched ticks. Session (session.ts) adds what changes it: pulses, controls, telemetry.
 */
export abstract class SessionCore {
  readonly id: string;
  readonly createdAt = Date.now();
  viewers = 0;
  idleMs = 0;
  protected run: ScenarioRun;
  protected readonly clk: SimClock;
  protected tickNo = 0;
  protected seqNo = 0;
  protected wallMs = 0;
  protected readonly log: EventLog;
  protected readonly tracks = new TelemetryTracks();
  protected readonly rowIds = new RowIds();
  protected pendingTelemetry = false;
  protected added: AircraftInfo[] = [];
  protected removed: string[] = [];
  protected clockDirty = true;
  protected rulebookDirty = false;
  protected rulebook: Rulebook;
  rulebookRef: RulebookRef;
  /** the separation minima of the rulebook's draft, if it trials them (else the scenario's apply) */
  protected separation: SeparationMinima | undefined;
  /** permissions that do not cover now; every run of the session judges without them */
  protected withdrawn: ReadonlySet<string>;
  /** conformance of telemetry aircraft to the operational intents they declare (forward steps only) */
  protected readonly intentWatch?: IntentWatch;
  /** findings opened and closed by the current run (for snapshots) */
  protected tally = new FindingTally();

  /** @param run a run built already (a sharded session's simulation); else a new one (newRun) */
  constructor(
    protected readonly cfg: SessionConfig,
    protected readonly sink: SessionSink,
    run?: ScenarioRun,
  ) {
    this.id = cfg.id;
    this.rulebook = cfg.rulebook;
    this.rulebookRef = cfg.rulebookRef;
    this.separation = cfg.separation;
    this.withdrawn = cfg.withdrawnPermissions ?? new Set();
    this.clk = new SimClock({ playing: cfg.playing, speed: cfg.speed });
    this.log = new EventLog(cfg.logCapacity);
    this.run = run ?? this.newRun();
    if (cfg.intents)
      this.intentWatch = new IntentWatch(cfg.intents, cfg.id, cfg.airspace.elevation, (id) => this.tracks.intentOf(id));
  }

  /** Judge the telemetry aircraft flying operational intents at their latest samples (a forward step). */
  protected watchIntents(): void {
    if (this.intentWatch) this.emitMonitor(this.intentWatch.observe(this.trackSamples()));
  }

  get scenario(): Scenario {
    return this.cfg.scenario;
  }

  /** Simulated ms since the scenario's start. */
  get elapsedMs(): number {
    return this.run.sim.elapsedMs;
  }

  /**
   * The configuration of a private copy (issue 12: a viewer forks a public session to get its own clock): the
   * same scenario, rulebook, withdrawn permissions, speed and play state, not looping. Telemetry aircraft stay
   * behind.
   */
  forkConfig(id: string, title: string): SessionConfig {
    return { ...this.currentConfig(), id, title, loop: false };
  }

  /** The configuration as it runs now (rulebook, withdrawn permissions, clock): what another node continues from. */
  currentConfig(): SessionConfig {
    return {
      ...this.cfg,
      rulebook: this.rulebook,
      rulebookRef: this.rulebookRef,
      separation: this.separation,
      withdrawnPermissions: this.withdrawn,
      speed: this.clk.speed,
      playing: this.clk.playing,
    };
  }

  get tick(): number {
    return this.tickNo;
  }

  get seq(): number {
    return this.seqNo;
  }

  protected newRun(): ScenarioRun {
    const run = new ScenarioRun(this.cfg.scenario, {
      rulebook: this.rulebook,
      airspace: this.cfg.airspace,
      permissions: this.cfg.permissions,
      sharedEvaluators: this.cfg.sharedEvaluators,
      separation: this.separation,
      traffic: this.cfg.intents?.params ?? builtinTraffic().params,
    });
    // nothing has flown yet: no events, only the evaluators of flights under a withdrawn permission change
    run.monitor.setWithdrawnPermissions(this.withdrawn, run.simTimeMs);
    return run;
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

  protected states(): PackedStates {
    const packer = new StatePacker(this.run.sim.aircraft.length + this.tracks.size);
    this.packSimulated(packer);
    for (const t of this.tracks.values()) {
      t.state.flags = (t.state.flags & ~MONITOR_FLAGS) | this.monitorFlagsOf(t.id);
      packer.add(t.state);
    }
    return packer.finish();
  }

  // What the monitor knows, read here only (a sharded session reads its shards' mirror instead).
  protected packSimulated(packer: StatePacker): void {
    this.run.packStates(packer);
  }

  protected monitorFlagsOf(id: string): number {
    return this.run.monitor.flagsOf(id);
  }

  protected monitorFindings(): OpenFinding[] {
    return this.run.monitor.openFindings();
  }

  protected occupancy(): Record<string, string[]> {
    return this.run.monitor.occupancy();
  }

  openFindings(): LiveFinding[] {
    const w = this.intentWatch;
    // the simulated flights' own intents (scenario `intent: true`) are judged inside the run
    const simulated = this.run.intents?.openFindings() ?? [];
    if (!w) return liveFindings(this.monitorFindings(), simulated);
    return liveFindings(this.monitorFindings(), w.openFindings().concat(simulated)).map((f) => w.annotate(f));
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
      occupancy: this.occupancy(),
      counts: this.tally.counts(),
    };
  }

  /** Events a client that saw up to `lastSeq` missed, or null when they are no longer kept. */
  replaySince(lastSeq: number): LoggedEvent[] | null {
    return lastSeq > this.seqNo ? null : this.log.since(lastSeq);
  }

  protected record(e: LoggedEvent): void {
    this.log.push(e);
    this.sink.event(e);
  }

  protected header(tMs: number) {
    return { sessionId: this.id, seq: ++this.seqNo, tick: this.tickNo + 1, simTimeMs: tMs };
  }

  protected emitMonitor(events: readonly MonitorEvent[]): void {
    const w = this.intentWatch;
    this.tally.add(events);
    for (const e of events) {
      const logged = fromMonitorEvent(e, this.header(e.tMs));
      this.record(w ? w.annotateEvent(logged) : logged);
    }
  }

  protected emitWorld(events: readonly WorldEvent[]): void {
    for (const e of events) {
      const logged = fromWorldEvent(e, () => this.header(this.run.simTimeMs));
      if (logged) this.record(logged);
    }
  }

  protected trackSamples() {
    return this.tracks.values().map((t) => t.sample);
  }

  protected emitTick(): void {
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

  /** Make `run` the session's run, with the telemetry tracks carried over, then send everyone a snapshot. */
  protected adopt(run: ScenarioRun, reason: 'seek' | 'rulebook-changed', tally = new FindingTally()): void {
    // A permission withdrawn while a seek ran: the snapshot below carries what that opened.
    run.monitor.setWithdrawnPermissions(this.withdrawn, run.simTimeMs);
    // Tracks join after the re-simulation: without samples in it they would not have changed it.
    for (const t of this.tracks.values()) run.monitor.add(monitoredTrack(t, this.cfg.permissions));
    this.run = run;
    this.tally = tally;
    this.clk.reset();
    this.clockDirty = true;
    // The seek itself takes a seq: a client that saw less than it missed the snapshot and cannot resume.
    this.seqNo++;
    this.log.reset(this.seqNo + 1);
    this.tickNo++;
    this.sink.snapshot(this.snapshot(reason));
  }

  /** A track's info with the category its evaluator classified (sent in `tick.added`). */
  protected withCategory(track: Track): AircraftInfo {
    const category = this.run.monitor.evaluatorOf(track.id)?.category;
    if (category) track.info.category = category;
    return track.info;
  }
}
