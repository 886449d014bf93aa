import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import type { ApiIssue, LiveFinding, TelemetrySample } from '@sua-sandbox/rules/protocol';
import { followIntent, type MonitorEvent, type MonitorSample, type OpenFinding } from '@sua-sandbox/rules/sim';
import type { ConformanceTrack, IntentState, OperationalIntent, TrafficParams } from '@sua-sandbox/rules/traffic';
import type { Principal } from '../auth/principal.js';
import type { RealtimeLogger } from './deps.js';
import type { LoggedEvent } from './event-log.js';

/** Where a live aircraft turned its intent Contingent: what the operators it affects are told. */
export interface ContingentAt {
  intentId: string;
  aircraftId: string;
  sessionId: string;
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
}

/** What live sessions need of the operational intents (issue 16): built by the server from its IntentService. */
export interface LiveIntents {
  params: TrafficParams;
  /** the intent as the DSS holds it now (undefined: unknown) */
  get(id: string): OperationalIntent | undefined;
  /** may `declarer` declare that its aircraft flies intent `id` (absent: the server's own feed) */
  mayFly(id: string, declarer: Principal | undefined): boolean;
  /** move the intent, as the conformance monitor (the authority), once its earlier moves are stored */
  transition(id: string, to: IntentState): Promise<void>;
  /** tell every organisation whose intents the contingent one affects */
  contingent(at: ContingentAt): Promise<void>;
}

/**
 * Issues for declared intents a sender may not fly: unknown, ended, or another's (the same words for each, as
 * for permissions). Paths from the sample's index in the batch.
 */
export function undeclarableIntents(
  samples: readonly TelemetrySample[],
  intents: LiveIntents,
  declarer: Principal | undefined,
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  samples.forEach((s, i) => {
    if (s.intentId === undefined) return;
    const intent = intents.get(s.intentId);
    if (!intent || intent.reference.state === 'Ended' || !intents.mayFly(s.intentId, declarer))
      issues.push({ path: [i, 'intentId'], message: `unknown or ended operational intent "${s.intentId}"` });
  });
  return issues;
}

/** An aircraft's conformance as another node continues it (server/src/cluster: a takeover). */
export interface CarriedIntent {
  aircraftId: string;
  intentId: string;
  track: ConformanceTrack;
  open: OpenFinding | null;
}

interface Flying {
  intentId: string;
  track: ConformanceTrack;
  /** transitions sent and not yet stored */
  pending: number;
  /** the open conformance finding, if any */
  open: OpenFinding | null;
}

/**
 * Conformance of a session's live aircraft to their operational intents. Runs on forward steps only (never on a
 * seek or a restore: the transitions it makes are real). The intent state it acts on is its own view, so one
 * observation never sends a transition twice; the store catches up asynchronously, in order.
 */
export class IntentWatch {
  private readonly flying = new Map<string, Flying>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly intents: LiveIntents,
    private readonly sessionId: string,
    private readonly elevation: ElevationModel,
    /** the intent an aircraft declares it flies (telemetry: `intentId`, kept per track) */
    private readonly linkOf: (aircraftId: string) => string | undefined,
    private readonly logger?: RealtimeLogger,
  ) {}

  /** The intent an aircraft declares it flies, if any. */
  intentOf(aircraftId: string): string | undefined {
    const id = this.linkOf(aircraftId);
    return id !== undefined && this.intents.get(id) ? id : undefined;
  }

  /** Resolves once every transition sent so far is stored (or failed and was logged). */
  settled(): Promise<void> {
    return this.chain;
  }

  openFindings(): OpenFinding[] {
    return [...this.flying.values()].flatMap((f) => (f.open ? [f.open] : []));
  }

  /** Judge the samples of the aircraft flying intents; returns finding events. */
  observe(samples: readonly MonitorSample[]): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    for (const s of samples) {
      const intentId = this.linkOf(s.id);
      let f = this.flying.get(s.id);
      const intent = intentId === undefined ? undefined : this.intents.get(intentId);
      if (f && (f.intentId !== intentId || !intent)) {
        this.drop(s.id, s.tMs, out);
        f = undefined;
      }
      if (!intent || intentId === undefined || !s.airborne) continue;
      if (!f) {
        if (intent.reference.state === 'Ended') continue;
        f = { intentId, track: { state: intent.reference.state, outsideSinceMs: null }, pending: 0, open: null };
        this.flying.set(s.id, f);
      } else if (f.pending === 0) f.track = { ...f.track, state: intent.reference.state };
      const p = {
        lon: s.lon,
        lat: s.lat,
        altAmslM: s.altAmslM,
        groundM: this.elevation.groundM(s.lon, s.lat),
        tMs: s.tMs,
      };
      const transitions = followIntent(f, intent, s.id, p, this.intents.params, out);
      if (transitions.length > 0)
        this.send(f, transitions, { intentId, aircraftId: s.id, sessionId: this.sessionId, ...p });
    }
    return out;
  }

  /** What a node taking the session over continues from: each aircraft's conformance state and open finding. */
  carry(): CarriedIntent[] {
    return [...this.flying].map(([aircraftId, f]) => ({
      aircraftId,
      intentId: f.intentId,
      track: f.track,
      open: f.open,
    }));
  }

  /**
   * Continue another node's watch: the grace time already spent outside counts, and an open finding stays open
   * (closed here when cleared). Transitions that node had not stored yet are lost with it; the next observation
   * starts from the intent's stored state.
   */
  resume(carried: readonly CarriedIntent[]): void {
    for (const c of carried)
      this.flying.set(c.aircraftId, { intentId: c.intentId, track: c.track, pending: 0, open: c.open });
  }

  /** The aircraft left the session (or its link): its finding closes; the intent keeps its state. */
  remove(aircraftId: string, tMs: number): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    this.drop(aircraftId, tMs, out);
    return out;
  }

  private drop(aircraftId: string, tMs: number, out: MonitorEvent[]): void {
    const f = this.flying.get(aircraftId);
    if (!f) return;
    if (f.open) out.push({ type: 'closed', aircraftId, key: f.open.key, reason: 'aircraft-removed', tMs });
    this.flying.delete(aircraftId);
  }

  private send(f: Flying, transitions: IntentState[], at: ContingentAt): void {
    f.pending++;
    this.chain = this.chain.then(async () => {
      try {
        for (const to of transitions) {
          await this.intents.transition(f.intentId, to);
          if (to === 'Contingent') await this.intents.contingent(at);
        }
      } catch (err) {
        this.logger?.error({ err, intentId: f.intentId, transitions }, 'intent conformance transition failed');
      } finally {
        f.pending--;
      }
    });
  }

  /** A finding event or open finding with the intents of its aircraft (both, for separation between two). */
  annotate<T extends Pick<LiveFinding, 'aircraftId' | 'finding'> & Partial<LiveFinding>>(f: T): T {
    const own = this.intentOf(f.aircraftId);
    if (own === undefined) return f;
    if (f.finding.kind === 'intent-conformance') return { ...f, intentId: own };
    if (f.finding.kind !== 'separation' || f.finding.zoneId === undefined) return f;
    const other = this.intentOf(f.finding.zoneId);
    return other === undefined ? f : { ...f, intentId: own, otherIntentId: other };
  }

  /** `annotate` for a logged `finding:opened` event; other events pass as they are. */
  annotateEvent(e: LoggedEvent): LoggedEvent {
    return e.event === 'finding:opened' ? { event: e.event, payload: this.annotate(e.payload) } : e;
  }
}
