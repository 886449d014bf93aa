import { randomUUID } from 'node:crypto';
import type { Permission } from '@sua-sandbox/rules/model';
import type { SessionCreate, SessionInfo, TelemetryAccepted, TelemetrySample } from '@sua-sandbox/rules/protocol';
import { ScenarioError } from '@sua-sandbox/rules/sim';
import type { Principal } from '../auth/principal.js';
import { budgetsOf, type RealtimeBudgets } from './budgets.js';
import type { RealtimeDeps } from './deps.js';
import { RealtimeError, resolveRulebook } from './rulebook-select.js';
import type { Session, SessionConfig, SessionSink } from './session.js';
import { SessionBuilder } from './session-builder.js';
import { sessionToReplace, WorkSlots } from './session-limits.js';
import { checkScenarioBudgets, scenarioForRequest } from './session-scenario.js';
import { ShardedSession } from './sharded-session.js';
import { TelemetryIntake } from './telemetry-intake.js';

/** Sessions without viewers are closed after this much wall time (the default session never is). */
const IDLE_CLOSE_MS = 5 * 60_000;

/**
 * All live sessions of the server, driven together by one tick source. Sessions created by clients belong to a
 * principal (principal.ts) and count against its budget; the server's own (the default session) to nobody.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** session id → the principal that created it (absent: the server) */
  private readonly owners = new Map<string, string>();
  private readonly builder: SessionBuilder;
  private readonly telemetry: TelemetryIntake;
  readonly budgets: RealtimeBudgets;
  /** A server-wide slot for one seek or long step; refused (limit concurrentSeeks) when all are taken. */
  readonly workSlot: () => () => void;
  defaultSessionId: string | null = null;

  constructor(
    private readonly deps: RealtimeDeps,
    readonly sinkFor: (sessionId: string) => SessionSink,
    private readonly onClosed: (sessionId: string, reason: string) => void = () => {},
  ) {
    this.budgets = budgetsOf(deps);
    this.workSlot = new WorkSlots(() => this.budgets.concurrentSeeks).take;
    this.telemetry = new TelemetryIntake(deps);
    this.builder = new SessionBuilder(
      deps,
      sinkFor,
      () => this.all().filter((x) => x instanceof ShardedSession).length,
      (id, reason) => this.close(id, reason),
    );
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** A session for `cfg`: sharded when the server shards and it is big enough (session-builder.ts). */
  build(cfg: SessionConfig): Promise<Session> {
    return this.builder.build(cfg);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  list(): SessionInfo[] {
    return this.all().map((s) => s.info());
  }

  /**
   * Room for one more session of `owner`: under both session budgets, or by closing the owner's own oldest session
   * that nobody watches (`evict`; without it only checks that this would be possible). Never another principal's.
   */
  private ensureRoom(owner: string, evict: boolean): void {
    const spare = sessionToReplace(this.budgets, this.ownedBy(owner), this.sessions.size);
    if (spare && evict) this.close(spare.id, 'replaced: its creator opened a newer session');
  }

  /** Sessions of `owner` (a principal key) still open. */
  ownedBy(owner: string): Session[] {
    return this.all().filter((s) => this.owners.get(s.id) === owner);
  }

  /**
   * A new session. With `owner` (the asking principal) every session budget applies and the session counts
   * against it; without, it is the server's own (the default session). `reader`: who asks, for the stored plans
   * and drafts the request names (another organisation's are not found).
   */
  async create(
    req: SessionCreate,
    opts: { id?: string; loop?: boolean; owner?: string; reader?: Principal } = {},
  ): Promise<Session> {
    const owner = opts.owner;
    if (owner !== undefined) this.ensureRoom(owner, false);
    const scenario = await scenarioForRequest(req, opts.reader, this.deps, this.budgets);
    if (this.deps.permissionHolders) this.telemetry.setHolders(await this.deps.permissionHolders());
    if (owner !== undefined) checkScenarioBudgets(this.budgets, scenario);
    const rb = await resolveRulebook(
      this.deps,
      req.rulebook,
      { rulebookId: scenario.rulebook, at: scenario.start },
      opts.reader,
    );
    const id = opts.id ?? `s-${randomUUID().slice(0, 8)}`;
    let session: Session;
    try {
      session = await this.build({
        id,
        title: req.title ?? scenario.title.en,
        scenario,
        rulebook: rb.rulebook,
        rulebookRef: rb.ref,
        separation: rb.separation,
        airspace: this.deps.airspace,
        permissions: await this.deps.permissions(),
        withdrawnPermissions: await this.deps.withdrawnPermissions?.(),
        speed: req.speed ?? 1,
        playing: req.autoplay,
        loop: opts.loop,
        sharedEvaluators: scenario.flights.length > (this.deps.sharedEvaluatorsAbove ?? 200),
        shared: req.shared,
        budgets: this.budgets,
        workSlot: this.workSlot,
        intents: this.deps.intents,
      });
    } catch (err) {
      if (err instanceof ScenarioError)
        throw new RealtimeError('invalid_payload', err.message, [{ path: err.path, message: err.message }]);
      throw err;
    }
    if (owner !== undefined) {
      this.ensureRoom(owner, true);
      this.owners.set(id, owner);
    }
    this.sessions.set(id, session);
    await this.recorded(session, owner);
    return session;
  }

  /** In a cluster, answer a create only once every node can find the session (a viewer elsewhere may join at once). */
  private async recorded(session: Session, owner: string | undefined): Promise<void> {
    const cluster = this.deps.cluster;
    if (!cluster) return;
    const ok = await cluster.started(session, owner).catch((err: unknown) => {
      this.deps.logger?.error({ err, sessionId: session.id }, 'cluster: could not record a new session');
      this.close(session.id, 'the cluster store did not answer');
      return null;
    });
    if (ok === null) throw new RealtimeError('unavailable', 'the cluster store does not answer; retry shortly');
    if (!ok) throw new RealtimeError('unavailable', 'the cluster gave this session to another node; retry');
  }

  /** A session continued from another node's checkpoint (server/src/cluster), built with `sinkFor` and `workSlot`. */
  register(session: Session, owner: string | undefined): void {
    if (owner !== undefined) this.owners.set(session.id, owner);
    this.sessions.set(session.id, session);
  }

  /** The principal a session belongs to (undefined: the server's own). */
  ownerOf(id: string): string | undefined {
    return this.owners.get(id);
  }

  /**
   * A private copy of `sourceId` for `owner`, at the same simulated time and play state, with its own clock: how a
   * viewer of a public session gets controls (the copy's budgets are the owner's, as for any new session).
   */
  async fork(sourceId: string, owner: string, title?: string): Promise<Session> {
    const source = this.sessions.get(sourceId);
    if (!source) throw new RealtimeError('not_found', `session "${sourceId}" not found`);
    this.ensureRoom(owner, false);
    checkScenarioBudgets(this.budgets, source.scenario);
    const id = `s-${randomUUID().slice(0, 8)}`;
    const session = await this.build(source.forkConfig(id, title ?? `${source.info().title} (copy)`));
    this.ensureRoom(owner, true);
    this.owners.set(id, owner);
    this.sessions.set(id, session);
    await this.recorded(session, owner);
    try {
      if (source.elapsedMs > 0) await session.control({ action: 'seek', elapsedMs: source.elapsedMs });
    } catch (err) {
      this.close(id, 'fork failed');
      throw err;
    }
    return session;
  }

  /**
   * Who may play, pause, step, seek or swap the rulebook of a session: its owner; a regulator or an admin for
   * any session (the public demo is theirs to steer). Everyone else follows read-only, or forks a copy.
   */
  mayControl(sessionId: string, principalKey: string, role: string | undefined): boolean {
    if (role === 'regulator' || role === 'admin') return true;
    const owner = this.owners.get(sessionId);
    return owner !== undefined && owner === principalKey;
  }

  /**
   * Who may list, follow and fork a session. A session flown from plans (stored or sent inline: an operator's own
   * routes) is its owner's; regulators and admins see every session. Sessions of the built-in scenarios, and the
   * server's own, are public. Another principal gets the same answer as for a session that does not exist.
   */
  maySee(sessionId: string, principalKey: string, role: string | undefined): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    if (role === 'regulator' || role === 'admin') return true;
    const owner = this.owners.get(sessionId);
    if (owner === undefined || session.info().scenarioId !== null || session.currentConfig().shared) return true;
    return owner === principalKey;
  }

  /** The sessions `maySee` lets this principal list. */
  visibleTo(principalKey: string, role: string | undefined): Session[] {
    return this.all().filter((s) => this.maySee(s.id, principalKey, role));
  }

  /** The default live session (looping): the scenario marked `default`, or the one named in deps. */
  async startDefault(): Promise<Session | null> {
    if (this.deps.defaultScenarioId === null) return null;
    const scenarios = await this.deps.scenarios();
    const chosen = this.deps.defaultScenarioId
      ? scenarios.find((s) => s.id === this.deps.defaultScenarioId)
      : (scenarios.find((s) => s.default) ?? scenarios[0]);
    if (!chosen) return null;
    // In a cluster the default session is the lease holder's; the other nodes only point viewers at it.
    if (this.deps.cluster && !(await this.deps.cluster.claim('live'))) {
      this.defaultSessionId = 'live';
      return null;
    }
    const session = await this.create({ scenarioId: chosen.id, autoplay: true }, { id: 'live', loop: true });
    this.defaultSessionId = session.id;
    return session;
  }

  close(id: string, reason: string): void {
    if (!this.detach(id)) return;
    if (this.defaultSessionId === id) this.defaultSessionId = null;
    this.deps.cluster?.closed(id);
    this.onClosed(id, reason);
  }

  /** Stop running a session here without ending it (a cluster node hands it to another); false: not here. */
  detach(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    this.owners.delete(id);
    session.dispose();
    return true;
  }

  pulse(wallDeltaMs: number): void {
    for (const s of this.all()) {
      try {
        s.pulse(wallDeltaMs);
      } catch (err) {
        this.deps.logger?.error({ err, sessionId: s.id }, 'session step failed; session closed');
        this.close(s.id, 'internal error');
        continue;
      }
      s.idleMs = s.viewers > 0 ? 0 : s.idleMs + wallDeltaMs;
      if (s.id !== this.defaultSessionId && s.idleMs > IDLE_CLOSE_MS) this.close(s.id, 'idle');
    }
  }

  /** The server's permissions changed: every running session judges the flights under them again at once. */
  setPermissions(
    known: readonly Permission[],
    withdrawn: ReadonlySet<string>,
    holders?: ReadonlyMap<string, string>,
  ): void {
    if (holders) this.telemetry.setHolders(holders);
    for (const s of this.all()) s.setPermissions(known, withdrawn);
  }

  /**
   * Telemetry for a session another node simulates (server/src/cluster sets it): the holder judges it with the
   * sender's source and principal and answers as `ingestHere` would. Absent (one node): such a session is not found.
   */
  telemetryElsewhere?: (
    samples: readonly TelemetrySample[],
    source: string,
    sessionId: string,
    declarer: Principal | undefined,
  ) => Promise<TelemetryAccepted>;

  /**
   * Telemetry for session `id`, simulated here: refused whole (RealtimeError, issue paths from the sample's index)
   * for an intent the declarer may not fly, a permission it may not declare, another source's aircraft, or budgets.
   */
  ingestHere(
    samples: readonly TelemetrySample[],
    source: string,
    id: string,
    declarer: Principal | undefined,
  ): TelemetryAccepted {
    const session = this.sessions.get(id);
    if (!session) throw new RealtimeError('not_found', `session "${id}" not found`);
    return this.telemetry.ingest(session, samples, source, declarer);
  }
}
