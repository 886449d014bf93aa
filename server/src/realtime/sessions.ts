import { randomUUID } from 'node:crypto';
import type { FlightPlan } from '../../../rules/src/model/plan.js';
import type { SessionCreate, SessionInfo, TelemetrySample } from '../../../rules/src/protocol/index.js';
import { ScenarioError } from '../../../rules/src/sim/compile.js';
import { scenarioFromPlans } from '../../../rules/src/sim/from-plans.js';
import type { Scenario } from '../../../rules/src/sim/scenario.js';
import type { RealtimeDeps } from './deps.js';
import { RealtimeError, resolveRulebook } from './rulebook-select.js';
import { Session, type SessionSink } from './session.js';

/** Sessions without viewers are closed after this much wall time (the default session never is). */
const IDLE_CLOSE_MS = 5 * 60_000;

/** All live sessions of the server, driven together by one tick source. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  defaultSessionId: string | null = null;

  constructor(
    private readonly deps: RealtimeDeps,
    private readonly sinkFor: (sessionId: string) => SessionSink,
    private readonly onClosed: (sessionId: string, reason: string) => void = () => {},
  ) {}

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  list(): SessionInfo[] {
    return this.all().map((s) => s.info());
  }

  private async scenarioFor(req: SessionCreate): Promise<Scenario> {
    if (req.scenarioId) {
      const s = (await this.deps.scenarios()).find((x) => x.id === req.scenarioId);
      if (!s) throw new RealtimeError('not-found', `scenario "${req.scenarioId}" not found`);
      return req.seed === undefined ? s : { ...s, seed: req.seed };
    }
    const plans: FlightPlan[] = [];
    for (const [i, p] of (req.plans ?? []).entries()) {
      if (typeof p !== 'string') plans.push(p);
      else {
        const plan = this.deps.plans ? await this.deps.plans.get(p) : undefined;
        if (!plan)
          throw new RealtimeError('not-found', `plan "${p}" not found`, [{ path: ['plans', i], message: 'not found' }]);
        plans.push(plan);
      }
    }
    return scenarioFromPlans(plans, { title: req.title, seed: req.seed });
  }

  async create(req: SessionCreate, opts: { id?: string; loop?: boolean } = {}): Promise<Session> {
    const scenario = await this.scenarioFor(req);
    const rb = await resolveRulebook(this.deps, req.rulebook, { rulebookId: scenario.rulebook, at: scenario.start });
    const id = opts.id ?? `s-${randomUUID().slice(0, 8)}`;
    let session: Session;
    try {
      session = new Session(
        {
          id,
          title: req.title ?? scenario.title.en,
          scenario,
          rulebook: rb.rulebook,
          rulebookRef: rb.ref,
          airspace: this.deps.airspace,
          permissions: await this.deps.permissions(),
          speed: req.speed ?? 1,
          playing: req.autoplay,
          loop: opts.loop,
          sharedEvaluators: scenario.flights.length > (this.deps.sharedEvaluatorsAbove ?? 200),
        },
        this.sinkFor(id),
      );
    } catch (err) {
      if (err instanceof ScenarioError)
        throw new RealtimeError('invalid-payload', err.message, [{ path: err.path, message: err.message }]);
      throw err;
    }
    this.evictIfFull();
    this.sessions.set(id, session);
    return session;
  }

  private evictIfFull(): void {
    const max = this.deps.maxSessions ?? 20;
    if (this.sessions.size < max) return;
    const idle = this.all()
      .filter((s) => s.id !== this.defaultSessionId)
      .sort((a, b) => a.viewers - b.viewers || a.createdAt - b.createdAt)[0];
    if (idle) this.close(idle.id, 'evicted: too many sessions');
  }

  /** The default live session (looping): the scenario marked `default`, or the one named in deps. */
  async startDefault(): Promise<Session | null> {
    if (this.deps.defaultScenarioId === null) return null;
    const scenarios = await this.deps.scenarios();
    const chosen = this.deps.defaultScenarioId
      ? scenarios.find((s) => s.id === this.deps.defaultScenarioId)
      : (scenarios.find((s) => s.default) ?? scenarios[0]);
    if (!chosen) return null;
    const session = await this.create({ scenarioId: chosen.id, autoplay: true }, { id: 'live', loop: true });
    this.defaultSessionId = session.id;
    return session;
  }

  close(id: string, reason: string): void {
    if (!this.sessions.delete(id)) return;
    if (this.defaultSessionId === id) this.defaultSessionId = null;
    this.onClosed(id, reason);
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

  /** Route validated telemetry samples to their sessions (default: the default session). */
  ingest(
    samples: readonly TelemetrySample[],
    source: string,
    sessionId?: string,
  ): { accepted: number; sessionId: string } {
    const bySession = new Map<string, TelemetrySample[]>();
    for (const s of samples) {
      const target = s.sessionId ?? sessionId ?? this.defaultSessionId;
      if (!target || !this.sessions.has(target))
        throw new RealtimeError('not-found', target ? `session "${target}" not found` : 'no live session to feed');
      bySession.set(target, [...(bySession.get(target) ?? []), s]);
    }
    let accepted = 0;
    for (const [id, list] of bySession) accepted += this.sessions.get(id)?.ingest(list, source) ?? 0;
    return { accepted, sessionId: [...bySession.keys()][0] ?? sessionId ?? this.defaultSessionId ?? '' };
  }
}
