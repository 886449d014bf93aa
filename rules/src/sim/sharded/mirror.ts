import type { MonitorEvent, OpenFinding } from '../monitor-types.js';

/**
 * The open findings and zone occupancy of a sharded monitor, kept from the events the shards answer (each shard
 * knows only its own aircraft): what a snapshot sends, without asking the shards. Findings come in the single
 * monitor's order (aircraft in registry order, each aircraft's in the order they opened); an aircraft's zones in
 * the order it entered them.
 */
export class FindingsMirror {
  private readonly open = new Map<string, Map<string, OpenFinding>>();
  private readonly zones = new Map<string, string[]>();

  apply(events: readonly MonitorEvent[]): void {
    for (const e of events) {
      if (e.type === 'opened') {
        let byKey = this.open.get(e.aircraftId);
        if (!byKey) {
          byKey = new Map();
          this.open.set(e.aircraftId, byKey);
        }
        byKey.set(e.key, { aircraftId: e.aircraftId, key: e.key, finding: e.finding, openedAtMs: e.tMs });
      } else if (e.type === 'closed') {
        const byKey = this.open.get(e.aircraftId);
        byKey?.delete(e.key);
        if (byKey?.size === 0) this.open.delete(e.aircraftId);
      } else {
        const list = this.zones.get(e.aircraftId) ?? [];
        const at = list.indexOf(e.zoneId);
        if (e.type === 'enter') list.push(e.zoneId);
        else if (at >= 0) list.splice(at, 1);
        if (list.length > 0) this.zones.set(e.aircraftId, list);
        else this.zones.delete(e.aircraftId);
      }
    }
  }

  /** The open findings, aircraft by `order` (their registry index). */
  openFindings(order: (aircraftId: string) => number): OpenFinding[] {
    const ids = [...this.open.keys()].sort((a, b) => order(a) - order(b));
    return ids.flatMap((id) => [...(this.open.get(id)?.values() ?? [])]);
  }

  /** Each aircraft's zones, aircraft by `order` (their registry index). */
  occupancy(order: (aircraftId: string) => number): Record<string, string[]> {
    const r: Record<string, string[]> = {};
    const ids = [...this.zones.keys()].sort((a, b) => order(a) - order(b));
    for (const id of ids) r[id] = [...(this.zones.get(id) ?? [])];
    return r;
  }
}
