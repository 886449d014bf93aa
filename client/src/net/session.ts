import {
  type AircraftInfo,
  type AircraftState,
  type ClockState,
  type ControlAction,
  type FindingClosed,
  type FindingCounts,
  type FindingOpened,
  type LiveFinding,
  liveOutcome,
  type SessionCreateInput,
  type SessionInfo,
  type Snapshot,
  type TickBatch,
  unpackStates,
  type ZoneChanged,
} from '@sua-sandbox/rules/protocol';
import type { Connection } from './socket.js';

/** What a view hears from one session. Every callback is optional. */
export interface SessionListener {
  snapshot?(s: Snapshot): void;
  tick?(batch: TickBatch, changed: AircraftState[]): void;
  findingOpened?(f: LiveFinding): void;
  findingClosed?(id: string, aircraftId: string): void;
  zoneChanged?(z: ZoneChanged): void;
  info?(info: SessionInfo): void;
  closed?(reason: string): void;
}

/**
 * Client-side mirror of one simulation session: aircraft (static info + latest state), open findings and
 * the clock. Applies ticks and events in order, and rejoins with `resume` after a reconnect.
 */
export class SessionMirror {
  info: SessionInfo | undefined;
  clock: ClockState | undefined;
  simTimeMs = 0;
  readonly aircraftInfo = new Map<string, AircraftInfo>();
  readonly aircraft = new Map<string, AircraftState>();
  readonly findings = new Map<string, LiveFinding>();
  /**
   * Findings opened and closed since the run began (a seek or loop re-runs from the start): from the snapshot,
   * then kept up by the events, so a late joiner sees what happened before it came.
   */
  counts: FindingCounts = emptyCounts();
  /** a session this page created (a scenario it started, or its fork of the public demo): its clock is ours */
  owned = false;
  private lastTick = 0;
  private lastSeq = 0;
  /** the aircraft of each row of packed states, from the last snapshot or tick that carried ids */
  private rowIds: readonly string[] = [];
  private unsubs: (() => void)[] = [];
  private listeners = new Set<SessionListener>();

  constructor(
    private readonly conn: Connection,
    readonly sessionId: string,
  ) {
    const s = conn.socket;
    const mine = (p: { sessionId: string }) => p.sessionId === this.sessionId;
    const onSnapshot = (p: Snapshot) => p.session.id === this.sessionId && this.applySnapshot(p);
    const onTick = (p: TickBatch) => mine(p) && this.applyTick(p);
    const onOpened = (p: FindingOpened) => mine(p) && this.applyOpened(p);
    const onClosed = (p: FindingClosed) => mine(p) && this.applyClosed(p);
    const onZone = (p: ZoneChanged) => {
      if (!mine(p)) return;
      this.lastSeq = Math.max(this.lastSeq, p.seq);
      for (const l of this.listeners) l.zoneChanged?.(p);
    };
    const onSessionClosed = (p: { sessionId: string; reason: string }) => {
      if (mine(p)) for (const l of this.listeners) l.closed?.(p.reason);
    };
    s.on('session:snapshot', onSnapshot);
    s.on('tick', onTick);
    s.on('finding:opened', onOpened);
    s.on('finding:closed', onClosed);
    s.on('zone:changed', onZone);
    s.on('session:closed', onSessionClosed);
    this.unsubs.push(() => {
      s.off('session:snapshot', onSnapshot);
      s.off('tick', onTick);
      s.off('finding:opened', onOpened);
      s.off('finding:closed', onClosed);
      s.off('zone:changed', onZone);
      s.off('session:closed', onSessionClosed);
    });
    // After a reconnect, rejoin with `resume`; a session the server no longer has is reported as closed.
    this.unsubs.push(
      conn.onConnected((_hello, reconnect) => {
        if (!reconnect) return;
        this.join(true).catch((e: unknown) => {
          for (const l of this.listeners) l.closed?.(e instanceof Error ? e.message : String(e));
        });
      }),
    );
  }

  /** Create a session on the server and mirror it. */
  static async create(conn: Connection, input: SessionCreateInput): Promise<SessionMirror> {
    const info = await conn.call('session:create', input);
    const m = new SessionMirror(conn, info.id);
    m.info = info;
    m.clock = info.clock;
    m.owned = true;
    return m;
  }

  listen(l: SessionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async join(resume = false): Promise<SessionInfo> {
    const payload =
      resume && this.lastTick > 0
        ? { sessionId: this.sessionId, resume: { lastTick: this.lastTick, lastSeq: this.lastSeq } }
        : { sessionId: this.sessionId };
    const info = await this.conn.call('session:join', payload);
    if (info.yours) this.owned = true;
    this.setInfo(info);
    return info;
  }

  async control(action: ControlAction): Promise<SessionInfo> {
    const info = await this.conn.call('session:control', { sessionId: this.sessionId, ...action });
    this.setInfo(info);
    return info;
  }

  async leave(): Promise<void> {
    for (const u of this.unsubs) u();
    this.unsubs = [];
    this.listeners.clear();
    await this.conn.call('session:leave', { sessionId: this.sessionId }).catch(() => undefined);
  }

  private setInfo(info: SessionInfo): void {
    this.info = info;
    this.clock = info.clock;
    this.simTimeMs = info.clock.simTimeMs;
    for (const l of this.listeners) l.info?.(info);
  }

  private applySnapshot(p: Snapshot): void {
    this.lastTick = p.tick;
    this.lastSeq = p.seq;
    this.aircraftInfo.clear();
    this.aircraft.clear();
    this.findings.clear();
    for (const a of p.aircraftInfo) this.aircraftInfo.set(a.id, a);
    this.rowIds = p.aircraft.ids;
    for (const s of unpackStates(p.aircraft)) this.aircraft.set(s.id, s);
    for (const f of p.findings) this.findings.set(f.id, f);
    this.counts = p.counts ?? { ...emptyCounts(), opened: p.findings.length };
    this.simTimeMs = p.session.clock.simTimeMs;
    this.info = p.session;
    this.clock = p.session.clock;
    for (const l of this.listeners) l.snapshot?.(p);
  }

  private applyTick(p: TickBatch): void {
    if (p.tick <= this.lastTick && this.lastTick !== 0) return;
    this.lastTick = p.tick;
    this.simTimeMs = p.simTimeMs;
    if (p.clock) this.clock = p.clock;
    else if (this.clock) this.clock = { ...this.clock, simTimeMs: p.simTimeMs, elapsedMs: p.elapsedMs };
    for (const a of p.added ?? []) this.aircraftInfo.set(a.id, a);
    for (const id of p.removed ?? []) {
      this.aircraftInfo.delete(id);
      this.aircraft.delete(id);
    }
    if (p.aircraft.ids) this.rowIds = p.aircraft.ids;
    const changed = unpackStates(p.aircraft, this.rowIds);
    for (const s of changed) this.aircraft.set(s.id, s);
    for (const l of this.listeners) l.tick?.(p, changed);
  }

  private applyOpened(p: FindingOpened): void {
    if (p.seq <= this.lastSeq) return;
    this.lastSeq = p.seq;
    const f: LiveFinding = {
      id: p.id,
      aircraftId: p.aircraftId,
      flightId: p.flightId,
      key: p.key,
      openedAtMs: p.openedAtMs,
      finding: p.finding,
    };
    this.findings.set(f.id, f);
    this.counts.opened++;
    this.counts.byOutcome[liveOutcome(f.finding)]++;
    for (const l of this.listeners) l.findingOpened?.(f);
  }

  private applyClosed(p: FindingClosed): void {
    if (p.seq <= this.lastSeq) return;
    this.lastSeq = p.seq;
    this.findings.delete(p.id);
    this.counts.closed++;
    for (const l of this.listeners) l.findingClosed?.(p.id, p.aircraftId);
  }
}

function emptyCounts(): FindingCounts {
  return { opened: 0, closed: 0, byOutcome: { violation: 0, permission: 0, advisory: 0 } };
}
