import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import { groundedAirspace } from '@sua-sandbox/rules/engine';
import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { ControlAction, RulebookRef, SessionInfo, TelemetrySample } from '@sua-sandbox/rules/protocol';
import type { ScenarioRun } from '@sua-sandbox/rules/sim';
import type { SeparationMinima } from '@sua-sandbox/rules/traffic';
import { REALTIME_BUDGET_DEFAULTS } from './budgets.js';
import type { LoggedEvent } from './event-log.js';
import { FindingTally } from './finding-tally.js';
import type { CarriedIntent } from './intent-watch.js';
import { monitoredTrack } from './monitored-track.js';
import { RealtimeError } from './rulebook-select.js';
import { SessionCore } from './session-core.js';
import type { SessionConfig, SessionSink } from './session-types.js';
import { runSliced, SessionWork } from './session-work.js';
import { checkTrackBudget, foreignTracks, unknownPermissions } from './track-checks.js';
import type { CarriedTrack, Track } from './tracks.js';

/** Where another node's session stood (server/src/cluster): its checkpoint. */
export interface RestorePoint {
  elapsedMs: number;
  tick: number;
  seq: number;
  /** the first seq the log may replay, and the logged events from it on */
  logFloor: number;
  events: readonly LoggedEvent[];
  /** the telemetry aircraft it had, and their conformance to the intents they declared */
  telemetry?: CarriedTelemetry;
}

/** What a node taking a session over needs to continue its telemetry aircraft (they are not re-simulated). */
export interface CarriedTelemetry {
  tracks: CarriedTrack[];
  intents: CarriedIntent[];
}

/** Wall time a restore may re-simulate for (the server's own work: no client budget applies). */
export const RESTORE_WALL_MS = 120_000;

/**
 * One live simulation: a scenario run driven by wall-clock pulses (× speed), with telemetry aircraft mixed
 * in, an event log for resuming clients, and output to a sink. Every `tick` number strictly increases;
 * every finding and zone event gets the next `seq`. Seeks and long steps run in slices (session-work.ts).
 */
export class Session extends SessionCore {
  /** seeks and steps, run in slices: the clock stands still and other controls are refused meanwhile */
  protected readonly work: SessionWork;

  constructor(cfg: SessionConfig, sink: SessionSink, run?: ScenarioRun) {
    super(cfg, sink, run);
    this.work = new SessionWork(cfg.budgets ?? REALTIME_BUDGET_DEFAULTS, cfg.workSlot);
  }

  /**
   * Continue another node's session from its checkpoint (server/src/cluster): re-simulate from the start to
   * `at.elapsedMs` without sending anything (deterministic, as a seek), then carry on its tick and seq numbers and its
   * logged events, so viewers resuming by seq miss nothing and receive nothing twice. Call before the first pulse.
   */
  async restore(at: RestorePoint): Promise<void> {
    const run = this.newRun();
    const tally = new FindingTally();
    await runSliced(
      { more: () => run.sim.elapsedMs + run.sim.stepMs <= at.elapsedMs, step: () => tally.add(run.step().monitor) },
      { wallMs: RESTORE_WALL_MS },
    );
    // telemetry aircraft join after the re-simulation (as after a seek), judged from the next pulse on
    for (const t of this.tracks.resume(at.telemetry?.tracks ?? [], this.wallMs))
      run.monitor.add(monitoredTrack(t, this.cfg.permissions));
    this.carryOn(at, run, tally);
  }

  /** After a restore's re-simulation (tracks resumed): `run` is the session's, at the checkpoint's numbers and log. */
  protected carryOn(at: RestorePoint, run: ScenarioRun, tally: FindingTally): void {
    this.intentWatch?.resume(at.telemetry?.intents ?? []);
    this.pendingTelemetry = this.tracks.size > 0;
    this.run = run;
    this.tally = tally;
    this.tickNo = at.tick;
    this.seqNo = at.seq;
    this.log.reset(at.logFloor);
    for (const e of at.events) this.log.push(e);
    this.clockDirty = true;
  }

  /** The telemetry aircraft and their intent conformance, for the node that may take this session over. */
  carriedTelemetry(): CarriedTelemetry {
    return { tracks: this.tracks.carry(this.wallMs), intents: this.intentWatch?.carry() ?? [] };
  }

  /** The session was closed: stop any seek or step it is running. */
  dispose(): void {
    this.work.dispose();
  }

  /** aircraft judged at each step (at least 1: an empty session's steps still cost) */
  protected aircraftCount(): number {
    return Math.max(1, this.run.sim.aircraft.length + this.tracks.size);
  }

  /** One fixed simulation step, with telemetry aircraft judged at their latest sample. */
  stepOnce(): void {
    if (this.run.done) {
      if (this.cfg.loop) this.rebuild('seek');
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
    this.watchIntents();
  }

  /** Advance by a wall-clock interval (× speed); broadcasts one tick if anything moved. */
  pulse(wallDeltaMs: number): void {
    if (this.work.busy) return;
    this.wallMs += wallDeltaMs;
    this.expireTracks();
    let steps = 0;
    const due = this.clk.due(wallDeltaMs, this.run.sim.stepMs, this.cfg.maxStepsPerPulse ?? 200);
    for (; steps < due && this.clk.playing; steps++) this.stepOnce();
    if (!this.clk.playing && this.pendingTelemetry) {
      // Paused: still judge telemetry as it arrives (simulated aircraft are re-judged where they stand).
      const sim = this.run.sim.aircraft.map((a) => this.run.sampleOf(a));
      this.emitMonitor(this.run.monitor.observe(sim.concat(this.trackSamples()), this.run.simTimeMs));
      this.watchIntents();
      this.pendingTelemetry = false;
      steps++;
    }
    if (steps > 0 || this.clockDirty || this.rulebookDirty || this.added.length > 0 || this.removed.length > 0)
      this.emitTick();
  }

  /** Back to the start at once (the end of a loop, or play after the end). */
  private rebuild(reason: 'seek' | 'rulebook-changed'): void {
    this.adopt(this.newRun(), reason);
  }

  /** Re-simulate from the start to `elapsedMs` (deterministic) beside the live run, then switch to it. */
  private async seek(elapsedMs: number): Promise<void> {
    const target = Math.min(elapsedMs, this.run.compiled.durationMs);
    const work = this.work.check(Math.floor(target / this.run.sim.stepMs), this.aircraftCount(), 'this seek');
    // Built once the work may start (a refused seek costs no compilation).
    let built: ScenarioRun | undefined;
    // what the re-simulation opens is not sent, but it happened: counted for the snapshot
    const tally = new FindingTally();
    const run = () => {
      built ??= this.newRun();
      return built;
    };
    await this.work.run('seek', work, {
      more: () => run().sim.elapsedMs + run().sim.stepMs <= target,
      step: () => tally.add(run().step().monitor),
    });
    this.adopt(run(), 'seek', tally);
  }

  /** Up to `steps` simulation steps (`one` does one: the sharded session's awaits its shards), then a tick. */
  protected async step(steps: number, one: () => void | Promise<void> = () => this.stepOnce()): Promise<void> {
    const work = this.work.check(steps, this.aircraftCount(), 'this step');
    this.clk.playing = false;
    this.clk.reset();
    let done = 0;
    try {
      await this.work.run('step', work, {
        more: () => done < steps && !this.run.done,
        // synchronous unless `one` awaits: the single-threaded step stays one slice of plain calls
        step: () => {
          const stepped = one();
          if (stepped) return stepped.then(() => void done++);
          done++;
        },
      });
    } finally {
      // Viewers see where it got to, also when the wall budget stopped it.
      this.clockDirty = true;
      this.emitTick();
    }
  }

  /** Apply a clock action (set-rulebook is resolved by the caller and passed as `rulebook`). */
  async control(
    action: ControlAction,
    resolved?: { rulebook: Rulebook; ref: RulebookRef; separation?: SeparationMinima },
  ): Promise<SessionInfo> {
    this.work.assertIdle(this.id);
    switch (action.action) {
      case 'play':
        if (this.run.done && !this.cfg.loop) this.rebuild('seek');
        this.clk.playing = true;
        break;
      case 'pause':
        this.clk.playing = false;
        break;
      case 'speed':
        this.clk.speed = action.speed;
        break;
      case 'step':
        await this.step(action.steps);
        break;
      case 'seek':
        await this.seek(action.elapsedMs);
        break;
      case 'set-rulebook':
        if (!resolved) throw new Error('set-rulebook needs a resolved rulebook');
        this.rulebook = resolved.rulebook;
        this.rulebookRef = resolved.ref;
        this.separation = resolved.separation;
        this.emitMonitor(this.run.setRulebook(resolved.rulebook, resolved.separation));
        this.rulebookDirty = true;
        this.emitTick();
        break;
    }
    this.clockDirty = true;
    return this.info();
  }

  /**
   * The server's permissions changed (an application's permission approved, suspended, resumed, revoked): new
   * tracks resolve against `known`; aircraft flying under a permission withdrawn or reinstated are judged again
   * now, so their findings open (or close) before the next tick is sent.
   */
  setPermissions(known: readonly Permission[], withdrawn: ReadonlySet<string>): void {
    this.cfg.permissions = known;
    this.withdrawn = withdrawn;
    this.emitMonitor(this.run.monitor.setWithdrawnPermissions(withdrawn, this.run.simTimeMs));
  }

  /**
   * Accept telemetry samples (already validated); they are judged on the next pulse. A declared profile naming a
   * permission this session does not know, or that is not the source's to declare (another organisation's), is
   * refused alike (RealtimeError with the issue paths) and nothing is taken.
   */
  ingest(samples: readonly TelemetrySample[], source: string, mayDeclare: (permissionId: string) => boolean): number {
    const issues = unknownPermissions(samples, this.cfg.permissions, mayDeclare);
    if (issues.length > 0) throw new RealtimeError('invalid_payload', 'invalid telemetry profile', issues);
    const foreign = foreignTracks(this.tracks, samples, source);
    if (foreign.length > 0)
      throw new RealtimeError('conflict', "telemetry for another source's aircraft is refused", foreign);
    checkTrackBudget(this.tracks, samples, source, this.cfg.budgets ?? REALTIME_BUDGET_DEFAULTS, this.id);
    const { fresh, reprofiled } = this.tracks.ingest(samples, source, this.wallMs, this.groundModel());
    this.tracksJoined(fresh, reprofiled);
    if (samples.length > 0) this.pendingTelemetry = true;
    return samples.length;
  }

  /** New telemetry aircraft, and aircraft whose declared profile changed: watched, announced in the next tick. */
  protected tracksJoined(fresh: readonly Track[], reprofiled: readonly Track[]): void {
    for (const track of fresh) {
      this.run.monitor.add(monitoredTrack(track, this.cfg.permissions));
      this.added.push(this.withCategory(track));
    }
    for (const track of reprofiled) {
      this.emitMonitor(this.run.monitor.update(monitoredTrack(track, this.cfg.permissions), this.run.simTimeMs));
      this.added.push(this.withCategory(track));
    }
  }

  /** The ground AGL telemetry is converted with: the one the rulebook measures heights from, as the monitor does. */
  groundModel(): ElevationModel {
    return groundedAirspace(this.cfg.airspace, this.rulebook).index.elevation;
  }

  /** Telemetry aircraft not heard from for the track timeout: removed (their findings close). */
  protected expiredTracks(): string[] {
    return this.tracks.expire(this.wallMs, this.cfg.trackTimeoutMs ?? 30_000);
  }

  private expireTracks(): void {
    for (const id of this.expiredTracks()) {
      this.removed.push(id);
      this.emitMonitor(this.run.monitor.remove(id, this.run.simTimeMs));
      if (this.intentWatch) this.emitMonitor(this.intentWatch.remove(id, this.run.simTimeMs));
    }
  }
}

export type { SessionConfig, SessionSink } from './session-types.js';
