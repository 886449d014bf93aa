import type { SessionSink } from '../realtime/index.js';
import type { CarriedTelemetry } from '../realtime/session.js';
import type { Checkpoints } from './checkpoints.js';

/** How often (wall ms) a session's telemetry aircraft are written while they fly; at once when one comes or goes. */
export const TELEMETRY_EVERY_MS = 1000;

/** What the checkpointing sink of one session carries from tick to tick. */
export interface SinkState {
  logFloor: number;
  playing: boolean;
  speed: number;
  exact: boolean;
  /**
   * After a takeover: events up to this seq were logged by the previous holder (and perhaps broadcast) after its
   * last checkpoint. The re-simulation produces them again, identical; they are kept in the session's log for
   * resuming viewers but neither logged nor broadcast a second time.
   */
  suppressThrough: number;
  /** when its telemetry aircraft were last written (wall ms), and whether there were any */
  telemetryAt: number;
  telemetryHeld: boolean;
}

export interface SinkHooks {
  checkpoints: Checkpoints;
  /** a fenced write was refused: another node holds the lease now */
  lost(sessionId: string): void;
  /** Redis refused or failed a write */
  failed(sessionId: string, err: unknown): void;
  /** the session's rulebook changed: store its definition again */
  rulebookChanged(sessionId: string): void;
  /** the session's telemetry aircraft now (undefined: it is not running here) */
  telemetry(sessionId: string): CarriedTelemetry | undefined;
}

/**
 * Write-ahead checkpoints around a session's sink: every event is logged in Redis before it is broadcast, and every
 * tick stores where the session stands before the tick goes out. Both go over the connection the adapter publishes
 * on, so Redis stores them before the broadcast; a node that dies mid-tick leaves a checkpoint at or after anything
 * a viewer received, never before it (no duplicates on takeover).
 */
export function checkpointingSink(id: string, inner: SessionSink, state: SinkState, hooks: SinkHooks): SessionSink {
  const cps = hooks.checkpoints;
  const check = (write: Promise<boolean>) =>
    write.then(
      (ok) => {
        if (!ok) hooks.lost(id);
      },
      (err: unknown) => hooks.failed(id, err),
    );
  /** Telemetry aircraft are not re-simulated: a takeover continues them from what was written last. */
  const saveTelemetry = (changed: boolean) => {
    const now = Date.now();
    if (!changed && now - state.telemetryAt < TELEMETRY_EVERY_MS) return;
    const carried = hooks.telemetry(id);
    const has = (carried?.tracks.length ?? 0) > 0;
    if (!carried || (!has && !state.telemetryHeld)) return;
    state.telemetryAt = now;
    state.telemetryHeld = has;
    void check(cps.saveTelemetry(id, carried));
  };
  return {
    event(e) {
      if (e.payload.seq <= state.suppressThrough) return;
      void check(cps.logEvent(id, e));
      inner.event(e);
    },
    tick(b) {
      if (b.clock) {
        state.playing = b.clock.playing;
        state.speed = b.clock.speed;
      }
      if (b.rulebook) {
        state.exact = false;
        hooks.rulebookChanged(id);
      }
      if (b.added) state.exact = false;
      saveTelemetry(Boolean(b.added || b.removed));
      const { logFloor, playing, speed, exact } = state;
      void check(cps.save(id, { elapsedMs: b.elapsedMs, tick: b.tick, seq: b.seq, logFloor, playing, speed, exact }));
      inner.tick(b);
    },
    snapshot(s) {
      state.logFloor = s.seq + 1;
      state.playing = s.session.clock.playing;
      state.speed = s.session.clock.speed;
      // a seek re-simulates from the start with the current rulebook: a takeover can do the same again, unless
      // telemetry aircraft fly (they are not in the re-simulation)
      if (s.reason === 'seek') state.exact = !s.aircraftInfo.some((a) => a.source === 'telemetry');
      saveTelemetry(true);
      const { logFloor, playing, speed, exact } = state;
      const elapsedMs = s.session.clock.elapsedMs;
      void check(cps.save(id, { elapsedMs, tick: s.tick, seq: s.seq, logFloor, playing, speed, exact }, true));
      inner.snapshot(s);
    },
  };
}
