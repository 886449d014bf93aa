import type { SessionInfo } from '@sua-sandbox/rules/protocol';
import { waitingShardThreads } from '../monitor-shards/index.js';
import type { RealtimeDeps, RealtimeLogger, Session, SessionCluster, SessionSink } from '../realtime/index.js';
import type { SessionManager } from '../realtime/sessions.js';
import type { LiveServer } from '../sockets/types.js';
import { Checkpoints, type SessionDefOf } from './checkpoints.js';
import type { ClusterConfig } from './config.js';
import { Leases } from './leases.js';
import type { Readiness } from './ready.js';
import { attachAdapter, type ClusterRedis } from './redis.js';
import { type RemoteOptions, registerRemoteSessions } from './remote.js';
import { registerRemoteTelemetry } from './remote-telemetry.js';
import { restoreSession } from './restore.js';
import { checkpointingSink, type SinkState } from './sink.js';

const freshState = (): SinkState => ({
  logFloor: 1,
  playing: false,
  speed: 1,
  exact: true,
  suppressThrough: 0,
  telemetryAt: 0,
  telemetryHeld: false,
});

/**
 * This process as one node of a cluster. Every live session is simulated by the one node holding its lease
 * (leases.ts), which checkpoints it in Redis (sink.ts); the others watch the cluster's session index and, when a
 * lease lapses (its node died), the first to take it continues the session from its checkpoint (a deterministic
 * re-simulation, as a seek). Viewers on any node get every broadcast through the Redis adapter (redis.ts), and
 * their requests reach the holder (remote.ts).
 */
export class ClusterNode implements SessionCluster {
  readonly leases: Leases;
  readonly checkpoints: Checkpoints;
  private sessions?: SessionManager;
  private deps?: RealtimeDeps;
  private io?: LiveServer;
  /** sessions whose lease this node holds (running, or being restored) → when it was last renewed (wall ms) */
  private readonly held = new Map<string, number>();
  private readonly states = new Map<string, SinkState>();
  private timers: NodeJS.Timeout[] = [];
  private watching = false;
  private stopped = false;
  private remoteList?: (principal: string, role: string | undefined) => Promise<SessionInfo[]>;

  constructor(
    readonly redis: ClusterRedis,
    readonly cfg: ClusterConfig,
    private readonly logger?: RealtimeLogger,
    /** tests only: how the holder serves forwarded requests (remote.ts) */
    private readonly remote: Pick<RemoteOptions, 'serveDelayMs'> = {},
  ) {
    this.leases = new Leases(redis.leases, cfg.prefix, cfg.nodeId, cfg.leaseMs);
    this.checkpoints = new Checkpoints(redis.pub, cfg.prefix, (id) => this.leases.key(id), cfg.nodeId);
  }

  async listElsewhere(principal: string, role: string | undefined): Promise<SessionInfo[]> {
    return this.remoteList ? this.remoteList(principal, role) : [];
  }

  attach(sessions: SessionManager, io: LiveServer, deps: RealtimeDeps): void {
    this.sessions = sessions;
    this.deps = deps;
    this.io = io;
    attachAdapter(io, this.redis, this.cfg.prefix);
    this.remoteList = registerRemoteSessions(io, sessions, deps, {
      ...this.remote,
      known: (id) => this.checkpoints.has(id),
      nodeId: this.cfg.nodeId,
      logger: this.logger,
    });
    registerRemoteTelemetry(io, sessions, {
      known: (id) => this.checkpoints.has(id),
      nodeId: this.cfg.nodeId,
      logger: this.logger,
    });
    const renewEvery = Math.max(100, Math.floor(this.cfg.leaseMs / 3));
    const watchEvery = Math.max(100, Math.min(500, Math.floor(this.cfg.leaseMs / 4)));
    this.timers = [setInterval(() => void this.renew(), renewEvery), setInterval(() => void this.watch(), watchEvery)];
    for (const t of this.timers) t.unref();
  }

  /** The checkpointing sink of session `id` (RealtimeDeps.sink). */
  readonly sink = (id: string, inner: SessionSink): SessionSink => {
    const state = this.states.get(id) ?? freshState();
    this.states.set(id, state);
    return checkpointingSink(id, inner, state, {
      checkpoints: this.checkpoints,
      lost: (sid) => this.lost(sid, 'another node holds its lease'),
      failed: (sid, err) => this.logger?.error({ err, sessionId: sid }, 'cluster: checkpoint write failed'),
      rulebookChanged: (sid) => {
        const s = this.sessions?.get(sid);
        if (s)
          void this.define(s, this.sessions?.ownerOf(sid)).catch((err: unknown) =>
            this.logger?.error({ err, sessionId: sid }, 'cluster: could not record a rulebook change'),
          );
      },
      telemetry: (sid) => this.sessions?.get(sid)?.carriedTelemetry(),
    });
  };

  async claim(id: string): Promise<boolean> {
    if (!(await this.leases.acquire(id))) return false;
    if (await this.checkpoints.has(id)) {
      // left by a node that stopped: continue it rather than start again at seq 0
      void this.takeover(id, true);
      return false;
    }
    this.held.set(id, Date.now());
    return true;
  }

  /**
   * A session now runs here. Resolves once the cluster has it (lease, definition and index entry): its creator is
   * answered only then, so a viewer on any node finds the id the creator was given. False: another node holds the
   * id's lease (the session is detached here).
   */
  async started(session: Session, owner: string | undefined): Promise<boolean> {
    const id = session.id;
    const cfg = session.currentConfig();
    const state = this.states.get(id) ?? freshState();
    state.playing = cfg.playing ?? false;
    state.speed = cfg.speed ?? 1;
    this.states.set(id, state);
    // Sent before this returns (nothing awaited above), on the connection of the session's fenced writes: its first
    // checkpoint cannot reach Redis before its lease.
    const ok = await this.checkpoints.start(this.definition(session, owner), this.cfg.leaseMs);
    // renewed from now on (on another connection: a renewal sent before the lease existed would find it gone)
    this.held.set(id, Date.now());
    if (ok) return true;
    this.lost(id, 'its id is leased elsewhere');
    return false;
  }

  closed(id: string): void {
    this.held.delete(id);
    this.states.delete(id);
    void this.checkpoints
      .forget(id)
      .then(() => this.leases.release(id))
      .catch((err: unknown) => this.logger?.error({ err, sessionId: id }, 'cluster: could not forget a session'));
  }

  private definition(session: Session, owner: string | undefined): SessionDefOf {
    const c = session.currentConfig();
    const def: SessionDefOf = {
      id: session.id,
      title: c.title,
      scenario: c.scenario,
      rulebook: c.rulebook,
      rulebookRef: c.rulebookRef,
      loop: c.loop ?? false,
      sharedEvaluators: c.sharedEvaluators,
      shared: c.shared,
    };
    if (c.separation) def.separation = c.separation;
    if (owner !== undefined) def.owner = owner;
    return def;
  }

  private async define(session: Session, owner: string | undefined): Promise<void> {
    if (!(await this.checkpoints.define(this.definition(session, owner))))
      this.lost(session.id, 'its lease lapsed before it was recorded');
  }

  /** Another node holds the lease now: stop simulating here, silently (the viewers follow the new holder). */
  private lost(id: string, why: string): void {
    if (!this.held.delete(id)) return;
    this.states.delete(id);
    this.sessions?.detach(id);
    this.logger?.warn({ sessionId: id, node: this.cfg.nodeId }, `cluster: session moved away: ${why}`);
  }

  private async renew(): Promise<void> {
    for (const [id, renewedAt] of [...this.held]) {
      try {
        if (await this.leases.renew(id)) this.held.set(id, Date.now());
        else this.lost(id, 'its lease lapsed');
      } catch (err) {
        // Unrenewed past its term, the lease may be another node's by now: stop rather than simulate twice.
        if (Date.now() - renewedAt > this.cfg.leaseMs) this.lost(id, 'Redis did not answer for longer than the lease');
        else this.logger?.error({ err, sessionId: id }, 'cluster: lease renewal failed');
      }
    }
  }

  /** Take over every listed session whose lease has lapsed. */
  private async watch(): Promise<void> {
    if (this.watching || this.stopped || !this.sessions) return;
    this.watching = true;
    try {
      const ids = (await this.checkpoints.ids()).filter((id) => !this.held.has(id));
      const holders = ids.length > 0 ? await this.leases.holders(ids) : [];
      const taken: string[] = [];
      for (const [i, id] of ids.entries()) {
        if (holders[i] !== null || this.stopped) continue;
        if (await this.leases.acquire(id)) taken.push(id);
      }
      // side by side: a dead node's sessions all lapse at once, and each waits for none of the others' re-simulation
      await Promise.all(taken.map((id) => this.takeover(id, false)));
    } catch (err) {
      this.logger?.error({ err }, 'cluster: watching sessions failed');
    } finally {
      this.watching = false;
    }
  }

  /** Continue session `id` (this node holds its lease) from its checkpoint. */
  private async takeover(id: string, restarting: boolean): Promise<void> {
    this.held.set(id, Date.now());
    const started = performance.now();
    try {
      const stored = await this.checkpoints.load(id);
      if (!stored) {
        this.held.delete(id);
        await this.checkpoints.forget(id);
        await this.leases.release(id);
        return;
      }
      const { sessions, deps, io } = this;
      if (!sessions || !deps) throw new Error('cluster node not attached');
      await restoreSession(stored, {
        sessions,
        deps,
        io,
        sinkState: (sid, state) => this.states.set(sid, state),
        held: (sid) => this.held.has(sid),
      });
      this.logger?.info(
        { sessionId: id, node: this.cfg.nodeId, tookMs: Math.round(performance.now() - started), restarting },
        'cluster: took over a session from its checkpoint',
      );
    } catch (err) {
      this.logger?.error({ err, sessionId: id }, 'cluster: takeover failed; the session is given up');
      this.held.delete(id);
      await this.checkpoints.forget(id).catch(() => undefined);
      await this.leases.release(id).catch(() => undefined);
    }
  }

  /**
   * Graceful shutdown: stop simulating, release every lease at once (another node takes each session over from its
   * last checkpoint within one watch period). Redis stays open for the socket.io server's close (then `close()`).
   */
  async handover(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const id of [...this.held.keys()]) {
      this.held.delete(id);
      this.sessions?.detach(id);
      await this.leases.release(id).catch(() => undefined);
    }
  }

  /** Readiness: Redis answers, and what this node simulates. */
  async readiness(): Promise<Readiness> {
    const ok = await this.redis.ping();
    const spare = waitingShardThreads();
    return {
      redis: ok ? 'ok' : 'unreachable',
      node: this.cfg.nodeId,
      sessions: [...this.held.keys()].sort(),
      ...(spare.target > 0 && { shardThreads: spare }),
    };
  }

  close(): Promise<void> {
    return this.redis.close();
  }
}
