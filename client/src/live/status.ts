import type { Finding } from '@sua-sandbox/rules/model';
import { type LiveFinding, liveOutcome } from '@sua-sandbox/rules/protocol';

/** How an aircraft is doing, for colour: the worst of its open findings. */
export type Status = 'ok' | 'advisory' | 'permission' | 'violation';

export const STATUS_ORDER: Status[] = ['ok', 'advisory', 'permission', 'violation'];

export const STATUS_COLOURS: Record<Status, string> = {
  ok: '#2f9e44',
  advisory: '#f59f00',
  permission: '#f76707',
  violation: '#e03131',
};

/** A covered finding (a declared permission applies) is shown as advisory: it does not change the verdict. */
export function findingStatus(f: Finding): Status {
  if (f.covered || f.effect === 'advisory') return 'advisory';
  return f.effect === 'prohibited' ? 'violation' : 'permission';
}

/**
 * The state of a finding on a flight that is happening: flying without a permission the law requires is a
 * violation (s.18 for a restricted flying zone), under a held permission it is "needs permission", else advisory.
 */
export function liveStatus(f: Finding): Status {
  return liveOutcome(f);
}

export function worst(a: Status, b: Status): Status {
  return STATUS_ORDER.indexOf(a) >= STATUS_ORDER.indexOf(b) ? a : b;
}

/** Open findings per aircraft, kept in step with finding:opened / finding:closed. */
export class FindingsByAircraft {
  private byAircraft = new Map<string, Map<string, LiveFinding>>();

  reset(findings: Iterable<LiveFinding>): void {
    this.byAircraft.clear();
    for (const f of findings) this.add(f);
  }

  add(f: LiveFinding): void {
    let m = this.byAircraft.get(f.aircraftId);
    if (!m) {
      m = new Map();
      this.byAircraft.set(f.aircraftId, m);
    }
    m.set(f.id, f);
  }

  remove(id: string, aircraftId: string): void {
    const m = this.byAircraft.get(aircraftId);
    m?.delete(id);
    if (m && m.size === 0) this.byAircraft.delete(aircraftId);
  }

  status(aircraftId: string): Status {
    let s: Status = 'ok';
    for (const f of this.byAircraft.get(aircraftId)?.values() ?? []) s = worst(s, liveStatus(f.finding));
    return s;
  }

  of(aircraftId: string): LiveFinding[] {
    return [...(this.byAircraft.get(aircraftId)?.values() ?? [])];
  }
}
