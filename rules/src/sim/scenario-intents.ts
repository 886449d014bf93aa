import type { ElevationModel } from '../airspace/types.js';
import { worded } from '../messages/index.js';
import type { Finding } from '../model/report.js';
import { buildIntentFromPlan } from '../traffic/build-intent.js';
import type { ConformanceTrack, LivePosition } from '../traffic/conformance.js';
import { affectedIntents } from '../traffic/contingency.js';
import type { OperationalIntent } from '../traffic/intent.js';
import { NaiveIntentStore } from '../traffic/naive.js';
import type { TrafficParams } from '../traffic/params.js';
import type { CompiledFlight } from './compile.js';
import { followIntent } from './intent-conformance.js';
import type { MonitorEvent, MonitorSample, OpenFinding } from './monitor-types.js';

export const NEIGHBOUR_CONTINGENT_RULE_ID = 'traffic.contingent-neighbour';

interface Flying {
  intent: OperationalIntent;
  track: ConformanceTrack;
  /** the open conformance finding, if any */
  open: OpenFinding | null;
}

/** A neighbour told of a contingent intent: open while the contingent aircraft is still airborne. */
interface Notice extends OpenFinding {
  contingentFlight: string;
}

const round = (x: number, k: number) => Math.round(x * k) / k;

/**
 * Operational intents of a scenario's simulated flights (`intent: true`), built from their declared routes and
 * watched with the same conformance functions as live telemetry (server intent-watch): Nonconforming when outside
 * every volume, Contingent after the grace. A contingent intent opens an advisory on every flight whose intent it
 * affects (its volumes meet theirs, or theirs meet a circle of the lateral buffer around the aircraft from then
 * on). Session-local and part of the deterministic run: a seek or a loop replays it, nothing reaches the DSS.
 */
export class ScenarioIntents {
  private readonly flying = new Map<string, Flying>();
  private readonly flightOf = new Map<string, string>();
  private readonly store: NaiveIntentStore;
  private readonly notices = new Map<string, Notice>();

  constructor(
    scenarioId: string,
    flights: readonly CompiledFlight[],
    private readonly params: TrafficParams,
    private readonly elevation: ElevationModel,
  ) {
    this.store = new NaiveIntentStore(params);
    for (const f of flights) {
      if (!f.flight.intent) continue;
      const id = `scenario:${scenarioId}:${f.id}`;
      const built = buildIntentFromPlan(f.plan, params, {
        id,
        manager: `scenario:${scenarioId}`,
        operator: f.plan.responsiblePerson?.name ?? f.flight.responsiblePerson,
      });
      if (!built.ok)
        throw new Error(`flight "${f.id}": no operational intent: ${built.issues.map((i) => i.message).join('; ')}`);
      this.flying.set(f.id, { intent: built.intent, track: { state: 'Accepted', outsideSinceMs: null }, open: null });
      this.flightOf.set(id, f.id);
      this.store.put(built.intent);
    }
  }

  get size(): number {
    return this.flying.size;
  }

  /** The intent a flight flies, if it declares one. */
  intentOf(flightId: string): OperationalIntent | undefined {
    return this.flying.get(flightId)?.intent;
  }

  openFindings(): OpenFinding[] {
    const own = [...this.flying.values()].flatMap((f) => (f.open ? [f.open] : []));
    return own.concat([...this.notices.values()].map(({ contingentFlight: _, ...o }) => o));
  }

  /** Judge the airborne samples of flights with intents; returns finding events. */
  observe(samples: readonly MonitorSample[]): MonitorEvent[] {
    const out: MonitorEvent[] = [];
    if (this.flying.size === 0) return out;
    for (const s of samples) {
      const f = this.flying.get(s.id);
      if (!f) continue;
      if (!s.airborne) {
        this.endNotices(s.id, s.tMs, out);
        continue;
      }
      const p: LivePosition = {
        lon: s.lon,
        lat: s.lat,
        altAmslM: s.altAmslM,
        groundM: this.elevation.groundM(s.lon, s.lat),
        tMs: s.tMs,
      };
      const transitions = followIntent(f, f.intent, s.id, p, this.params, out);
      if (transitions.includes('Contingent')) this.notify(s.id, f.intent, p, out);
    }
    return out;
  }

  private notify(flightId: string, contingent: OperationalIntent, p: LivePosition, out: MonitorEvent[]): void {
    for (const id of affectedIntents(this.store, contingent, p, this.params)) {
      const neighbour = this.flightOf.get(id);
      if (neighbour === undefined) continue;
      const key = `${NEIGHBOUR_CONTINGENT_RULE_ID}|${contingent.reference.id}`;
      const finding = this.noticeFinding(contingent, flightId, id, p);
      this.notices.set(`${neighbour}|${key}`, {
        aircraftId: neighbour,
        key,
        finding,
        openedAtMs: p.tMs,
        contingentFlight: flightId,
      });
      out.push({ type: 'opened', aircraftId: neighbour, key, finding, tMs: p.tMs });
    }
  }

  /** The contingent aircraft landed: the notices about it close. */
  private endNotices(flightId: string, tMs: number, out: MonitorEvent[]): void {
    for (const [k, n] of this.notices) {
      if (n.contingentFlight !== flightId) continue;
      this.notices.delete(k);
      out.push({ type: 'closed', aircraftId: n.aircraftId, key: n.key, reason: 'cleared', tMs });
    }
  }

  private noticeFinding(contingent: OperationalIntent, flightId: string, own: string, p: LivePosition): Finding {
    return {
      ruleId: NEIGHBOUR_CONTINGENT_RULE_ID,
      kind: 'intent-conformance',
      provision: this.params.provision,
      rulebookVersion: 'traffic-params',
      effect: 'advisory',
      ...worded('traffic.conformance.neighbour-contingent', {
        other: contingent.reference.id,
        aircraft: flightId,
        intent: own,
      }),
      where: {
        leg: 0,
        position: [round(p.lon, 1e6), round(p.lat, 1e6), round(p.altAmslM, 100)],
        time: new Date(p.tMs).toISOString(),
        groundM: round(p.groundM, 100),
      },
    };
  }
}
