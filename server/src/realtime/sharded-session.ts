import type { Rulebook } from '@sua-sandbox/rules/model';
import type { ControlAction, RulebookRef, SessionInfo, StatePacker } from '@sua-sandbox/rules/protocol';
import type { OpenFinding } from '@sua-sandbox/rules/sim';
import type { SeparationMinima } from '@sua-sandbox/rules/traffic';
import { type ShardedRunOptions, ShardedScenarioRun } from '../monitor-shards/index.js';
import { builtinTraffic } from '../services/impact/traffic.js';
import { FindingTally } from './finding-tally.js';
import { monitoredTrack } from './monitored-track.js';
import { RealtimeError } from './rulebook-select.js';
import { SerialWork } from './serial-work.js';
import { RESTORE_WALL_MS, type RestorePoint, Session } from './session.js';
import type { SessionConfig, SessionSink } from './session-types.js';
import { runSliced } from './session-work.js';
import type { Track } from './tracks.js';

/** How a session's monitor is sharded (MONITOR_SHARDS and the server's shard budget). */
export interface ShardedSessionOptions {
  shards: number;
  /** where the shards run (default: worker threads) */
  startShards?: ShardedRunOptions['startShards'];
  /** the shards failed (a thread died): the session can no longer be judged and should be closed */
  onFailure?: (err: Error) => void;
}

const noop = () => {};

/**
 * A live session whose monitor is split over shard threads by tiles of the sky (server/src/monitor-shards): the
 * same events, ticks and snapshots as Session, for sessions too big for one thread. The shards answer
 * asynchronously, so everything that reaches the monitor (pulses, telemetry, permissions, rulebook, seeks) runs
 * one at a time in arrival order (serial-work.ts). At most one pulse waits: pulses arriving meanwhile add their
 * time to it, so a slow pass is caught up as the single monitor catches up. Snapshots read the shards' mirrored
 * findings, so joins stay synchronous.
 */
export class ShardedSession extends Session {
  private readonly queue: SerialWork;
  private pulseWaiting = false;
  private owedWallMs = 0;
  private heavy = false;
  /**
   * Nothing has reached the shards the session started with: they are at the start of the scenario, with the
   * session's rulebook and permissions, and a restore can re-simulate on them.
   */
  private pristine = true;

  private constructor(
    cfg: SessionConfig,
    sink: SessionSink,
    private sharded: ShardedScenarioRun,
    private readonly opts: ShardedSessionOptions,
  ) {
    super(cfg, sink, sharded.run);
    this.queue = new SerialWork(`session "${cfg.id}" lost its monitor shards`, (err) => {
      this.clk.playing = false;
      this.clockDirty = true;
      opts.onFailure?.(err);
    });
  }

  static async start(cfg: SessionConfig, sink: SessionSink, opts: ShardedSessionOptions): Promise<ShardedSession> {
    const withdrawn = cfg.withdrawnPermissions ?? new Set<string>();
    const sharded = await startRun(cfg, cfg.rulebook, cfg.separation, withdrawn, opts);
    return new ShardedSession(cfg, sink, sharded, opts);
  }

  get shards(): number {
    return this.sharded.monitor.shards;
  }

  /** Resolves once everything queued so far has reached the shards and been sent (tests, graceful shutdown). */
  settled(): Promise<void> {
    return this.queue.settled();
  }

  override pulse(wallDeltaMs: number): void {
    // as Session.pulse: time passing during a seek or step is not owed (the clock restarts after it)
    if (this.work.busy || this.heavy || this.queue.failed) return;
    this.owedWallMs += wallDeltaMs;
    // one pulse waiting at a time: it takes all the time owed when its turn comes
    if (this.pulseWaiting) return;
    this.pulseWaiting = true;
    this.queue.background(() => {
      this.pulseWaiting = false;
      const delta = this.owedWallMs;
      this.owedWallMs = 0;
      return this.pulseNow(delta);
    });
  }

  private async pulseNow(wallDeltaMs: number): Promise<void> {
    this.pristine = false;
    this.wallMs += wallDeltaMs;
    for (const id of this.expiredTracks()) {
      this.removed.push(id);
      this.emitMonitor(await this.sharded.removeTrack(id));
      if (this.intentWatch) this.emitMonitor(this.intentWatch.remove(id, this.run.simTimeMs));
    }
    let steps = 0;
    const due = this.clk.due(wallDeltaMs, this.run.sim.stepMs, this.cfg.maxStepsPerPulse ?? 200);
    for (; steps < due && this.clk.playing; steps++) await this.stepSharded();
    if (!this.clk.playing && this.pendingTelemetry) {
      this.emitMonitor(await this.sharded.observeNow(this.trackSamples()));
      this.watchIntents();
      this.pendingTelemetry = false;
      steps++;
    }
    if (steps > 0 || this.clockDirty || this.rulebookDirty || this.added.length > 0 || this.removed.length > 0)
      this.emitTick();
  }

  override stepOnce(): void {
    this.queue.background(() => this.stepSharded());
  }

  private async stepSharded(): Promise<void> {
    this.pristine = false;
    if (this.run.done) {
      if (this.cfg.loop) await this.adoptSharded(await this.newSharded(), 'seek');
      else {
        this.clk.playing = false;
        this.clockDirty = true;
      }
      return;
    }
    const { world, monitor } = await this.sharded.step(this.trackSamples());
    this.pendingTelemetry = false;
    this.emitWorld(world);
    this.emitMonitor(monitor);
    this.watchIntents();
  }

  override async control(
    action: ControlAction,
    resolved?: { rulebook: Rulebook; ref: RulebookRef; separation?: SeparationMinima },
  ): Promise<SessionInfo> {
    this.work.assertIdle(this.id);
    if (this.heavy) throw new RealtimeError('busy', `session "${this.id}" is busy; retry when it has answered`);
    if (action.action === 'pause' || action.action === 'speed') return super.control(action);
    this.heavy = true;
    try {
      await this.queue.run(() => this.controlNow(action, resolved));
    } finally {
      this.heavy = false;
    }
    this.clockDirty = true;
    return this.info();
  }

  private async controlNow(
    action: ControlAction,
    resolved?: { rulebook: Rulebook; ref: RulebookRef; separation?: SeparationMinima },
  ): Promise<void> {
    this.pristine = false;
    switch (action.action) {
      case 'play':
        if (this.run.done && !this.cfg.loop) await this.adoptSharded(await this.newSharded(), 'seek');
        this.clk.playing = true;
        return;
      case 'step':
        return this.step(action.steps, () => this.stepSharded());
      case 'seek':
        return this.seekSharded(action.elapsedMs);
      case 'set-rulebook':
        if (!resolved) throw new Error('set-rulebook needs a resolved rulebook');
        this.rulebook = resolved.rulebook;
        this.rulebookRef = resolved.ref;
        this.separation = resolved.separation;
        this.emitMonitor(await this.sharded.setRulebook(resolved.rulebook, resolved.separation));
        this.rulebookDirty = true;
        this.emitTick();
        return;
      default:
        await super.control(action);
    }
  }

  /** Re-simulate from the start on new shards (deterministic) beside the live run, then switch to it. */
  private async seekSharded(elapsedMs: number): Promise<void> {
    const target = Math.min(elapsedMs, this.run.compiled.durationMs);
    const amount = this.work.check(Math.floor(target / this.run.sim.stepMs), this.aircraftCount(), 'this seek');
    // the shards are started as the work's first step: within the server's heavy-work slot, as the steps are
    let next: ShardedScenarioRun | undefined;
    const tally = new FindingTally();
    try {
      await this.work.run('seek', amount, {
        more: () => next === undefined || next.run.sim.elapsedMs + next.run.sim.stepMs <= target,
        step: async () => {
          if (next) tally.add((await next.step()).monitor);
          else next = await this.newSharded();
        },
      });
    } catch (err) {
      await next?.close().catch(noop);
      throw err;
    }
    if (next) await this.adoptSharded(next, 'seek', tally);
  }

  /** Make `next` the session's run (adopt), its shards told the withdrawn permissions and the telemetry aircraft. */
  private async adoptSharded(
    next: ShardedScenarioRun,
    reason: 'seek' | 'rulebook-changed',
    tally?: FindingTally,
  ): Promise<void> {
    await next.setWithdrawnPermissions(this.withdrawn);
    for (const t of this.tracks.values()) await next.addTrack(monitoredTrack(t, this.cfg.permissions));
    const old = this.sharded;
    this.sharded = next;
    this.adopt(next.run, reason, tally);
    await old.close().catch(noop);
  }

  private newSharded(): Promise<ShardedScenarioRun> {
    return startRun(this.cfg, this.rulebook, this.separation, this.withdrawn, this.opts);
  }

  override setPermissions(known: SessionConfig['permissions'], withdrawn: ReadonlySet<string>): void {
    this.cfg.permissions = known;
    this.withdrawn = withdrawn;
    this.pristine = false;
    this.queue.background(async () => {
      this.emitMonitor(await this.sharded.setWithdrawnPermissions(withdrawn));
    });
  }

  protected override tracksJoined(fresh: readonly Track[], reprofiled: readonly Track[]): void {
    const permissions = this.cfg.permissions;
    this.pristine = false;
    this.queue.background(async () => {
      for (const track of fresh) {
        await this.sharded.addTrack(monitoredTrack(track, permissions));
        this.added.push(this.withCategory(track));
      }
      for (const track of reprofiled) {
        this.emitMonitor(await this.sharded.updateTrack(monitoredTrack(track, permissions)));
        this.added.push(this.withCategory(track));
      }
    });
  }

  /**
   * As Session.restore: the re-simulation on the shards the session started with when nothing has reached them yet
   * (as when a node takes a session over), else on new ones. A node taking over a dead node's sessions started a
   * second set of shard threads for each, and loading them took most of the takeover (5.8–6 s of it for two sessions
   * of 5 aircraft on a slow 2-core machine; the re-simulation itself, 150 steps, 0.15 s).
   */
  override async restore(at: RestorePoint): Promise<void> {
    const reuse = this.pristine;
    this.pristine = false;
    await this.queue.run(async () => {
      const next = reuse ? this.sharded : await this.newSharded();
      const tally = new FindingTally();
      await runSliced(
        {
          more: () => next.run.sim.elapsedMs + next.run.sim.stepMs <= at.elapsedMs,
          step: async () => {
            tally.add((await next.step()).monitor);
          },
        },
        { wallMs: RESTORE_WALL_MS },
      );
      // (its shards started with the withdrawn permissions of now)
      for (const t of this.tracks.resume(at.telemetry?.tracks ?? [], this.wallMs))
        await next.addTrack(monitoredTrack(t, this.cfg.permissions));
      const old = this.sharded;
      this.sharded = next;
      this.carryOn(at, next.run, tally);
      if (old !== next) await old.close().catch(noop);
    });
  }

  override dispose(): void {
    super.dispose();
    this.queue.stop(() => this.sharded.close());
  }

  protected override packSimulated(packer: StatePacker): void {
    this.sharded.packStates(packer);
  }

  protected override monitorFlagsOf(id: string): number {
    return this.sharded.flagsOf(id);
  }

  protected override monitorFindings(): OpenFinding[] {
    return this.sharded.openFindings();
  }

  protected override occupancy(): Record<string, string[]> {
    return this.sharded.occupancy();
  }
}

/** A sharded run of the session's scenario as Session.newRun builds a run: its rulebook, minima and permissions now. */
function startRun(
  cfg: SessionConfig,
  rulebook: Rulebook,
  separation: SeparationMinima | undefined,
  withdrawn: ReadonlySet<string>,
  opts: ShardedSessionOptions,
): Promise<ShardedScenarioRun> {
  return ShardedScenarioRun.start(cfg.scenario, {
    rulebook,
    airspace: cfg.airspace,
    permissions: cfg.permissions,
    sharedEvaluators: cfg.sharedEvaluators,
    separation,
    traffic: cfg.intents?.params ?? builtinTraffic().params,
    withdrawn,
    shards: opts.shards,
    startShards: opts.startShards,
  });
}
