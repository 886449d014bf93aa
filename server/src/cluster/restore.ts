import { sessionRoom } from '../realtime/handlers.js';
import type { RealtimeDeps } from '../realtime/index.js';
import type { SessionManager } from '../realtime/sessions.js';
import type { LiveServer } from '../sockets/types.js';
import { LOG_KEEP, type Stored } from './checkpoints.js';
import type { SinkState } from './sink.js';

/** Where a restored session runs, and what the node taking it over keeps of it. */
export interface RestoreTarget {
  sessions: SessionManager;
  deps: RealtimeDeps;
  io?: LiveServer;
  /** the state its checkpointing sink continues from (set before the session is built: the sink reads it) */
  sinkState(sessionId: string, state: SinkState): void;
  /** whether this node still holds the session's lease */
  held(sessionId: string): boolean;
}

/**
 * Continue a session from its checkpoint (a deterministic re-simulation, as a seek) and register it with `sessions`;
 * given up silently when the lease was lost meanwhile.
 */
export async function restoreSession({ def, state, events, telemetry }: Stored, to: RestoreTarget): Promise<void> {
  const { sessions, deps } = to;
  const stored = state ?? { elapsedMs: 0, tick: 0, seq: 0, logFloor: 1, playing: false, speed: 1, exact: true };
  const flying = (telemetry?.tracks.length ?? 0) > 0;
  // telemetry aircraft are carried, not re-simulated: what they caused is not reproduced exactly
  const at = { ...stored, exact: stored.exact && !flying };
  const sinkState: SinkState = {
    logFloor: at.logFloor,
    playing: at.playing,
    speed: at.speed,
    exact: at.exact,
    // not exact: the re-simulation differs from what was sent, and a snapshot follows (below)
    suppressThrough: at.exact ? Math.max(at.seq, ...events.map((e) => e.payload.seq)) : 0,
    telemetryAt: 0,
    telemetryHeld: flying,
  };
  to.sinkState(def.id, sinkState);
  const session = await sessions.build({
    id: def.id,
    title: def.title,
    scenario: def.scenario,
    rulebook: def.rulebook,
    rulebookRef: def.rulebookRef,
    separation: def.separation,
    airspace: deps.airspace,
    permissions: await deps.permissions(),
    withdrawnPermissions: await deps.withdrawnPermissions?.(),
    speed: at.speed,
    playing: at.playing,
    loop: def.loop,
    sharedEvaluators: def.sharedEvaluators,
    shared: def.shared,
    budgets: sessions.budgets,
    workSlot: sessions.workSlot,
    // telemetry aircraft flying operational intents stay monitored for conformance on this node
    intents: deps.intents,
  });
  // events after the checkpoint come again from the re-simulation (suppressed on the wire, kept in the log)
  const logged = events.filter((e) => e.payload.seq <= at.seq);
  // the Redis log keeps the last LOG_KEEP events: older ones can no longer be replayed
  const logFloor = Math.max(at.logFloor, events.length >= LOG_KEEP ? (events[0]?.payload.seq ?? 1) : 1);
  try {
    await session.restore({ ...at, logFloor, events: logged, telemetry: telemetry ?? undefined });
  } catch (err) {
    session.dispose();
    throw err;
  }
  // the lease was lost meanwhile: another node runs it (a sharded session's threads stop here)
  if (!to.held(def.id)) return session.dispose();
  sessions.register(session, def.owner);
  if (def.id === 'live') sessions.defaultSessionId = 'live';
  // its viewers (on every node) are still in its room: they count against idle closing
  void to.io
    ?.in(sessionRoom(def.id))
    .fetchSockets()
    .then(
      (viewers) => {
        session.viewers = viewers.length;
      },
      () => undefined,
    );
  // not reproducible from the start (rulebook changed mid-run, telemetry): viewers resynchronise on a snapshot
  if (!at.exact) await session.control({ action: 'seek', elapsedMs: at.elapsedMs });
}
