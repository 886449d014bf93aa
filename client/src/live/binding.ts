import type { LiveFinding } from '@sua-sandbox/rules/protocol';
import type { AircraftLayer } from '../map/aircraft.js';
import { zoneInfoFromZone } from '../map/zone-geometry.js';
import type { ZoneInfo } from '../map/zone-model.js';
import type { ZoneLayer } from '../map/zones.js';
import type { SessionListener, SessionMirror } from '../net/session.js';
import { FindingsByAircraft, liveStatus } from './status.js';

/**
 * Keeps one map's aircraft, finding markers and session zones in step with a session mirror.
 * UI panels (feed, counters) listen to the same mirror separately.
 */
export class MapBinding {
  readonly index = new FindingsByAircraft();
  private off: (() => void) | undefined;
  private sessionZones = new Map<string, ZoneInfo>();
  private lastZoneTime = 0;
  /** While the view is hidden the shared zone layer belongs to another view: leave it alone. */
  zonesActive = true;

  constructor(
    readonly mirror: SessionMirror,
    private readonly layer: AircraftLayer,
    private readonly zones?: ZoneLayer,
  ) {
    const l: SessionListener = {
      snapshot: (s) => {
        this.sessionZones = new Map(s.zones.map((z) => [z.id, zoneInfoFromZone(z)]));
        this.redraw();
      },
      tick: (batch, changed) => {
        this.layer.update(changed, batch.removed ?? [], (id) => this.index.status(id));
        if (this.zonesActive && Math.abs(batch.simTimeMs - this.lastZoneTime) >= 1000) {
          this.lastZoneTime = batch.simTimeMs;
          this.zones?.setTime(batch.simTimeMs);
        }
      },
      findingOpened: (f) => {
        this.index.add(f);
        this.layer.setStatus(f.aircraftId, this.index.status(f.aircraftId));
        this.marker(f);
      },
      findingClosed: (id, aircraftId) => {
        this.index.remove(id, aircraftId);
        this.layer.setStatus(aircraftId, this.index.status(aircraftId));
        this.layer.removeFinding(id);
      },
      zoneChanged: (z) => {
        if (z.change === 'added' && z.zone) this.sessionZones.set(z.zoneId, zoneInfoFromZone(z.zone));
        else if (z.change === 'removed') this.sessionZones.delete(z.zoneId);
        else return;
        if (this.zonesActive) this.zones?.setExtraZones([...this.sessionZones.values()]);
      },
    };
    this.off = mirror.listen(l);
  }

  private marker(f: LiveFinding): void {
    const a = this.mirror.aircraft.get(f.aircraftId);
    const pos = f.finding.where?.position ?? (a ? [a.lon, a.lat] : undefined);
    if (pos) this.layer.addFinding(f.id, [pos[0], pos[1]], liveStatus(f.finding), f.aircraftId);
  }

  /** Draw everything from the mirror (snapshot, or the view shown again). */
  redraw(): void {
    this.index.reset(this.mirror.findings.values());
    this.layer.reset(this.mirror.aircraft.values(), (id) => this.index.status(id));
    this.layer.clearFindings();
    for (const f of this.mirror.findings.values()) this.marker(f);
    if (this.zones && this.zonesActive) {
      this.zones.setExtraZones([...this.sessionZones.values()]);
      this.zones.setTime(this.mirror.simTimeMs);
    }
  }

  detach(): void {
    this.off?.();
    this.off = undefined;
  }
}

/** The area a session's aircraft fly in (planned routes and current positions), for fitting the map. */
export function sessionBounds(m: SessionMirror): [[number, number], [number, number]] | undefined {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (const a of m.aircraft.values()) add(a.lon, a.lat);
  for (const info of m.aircraftInfo.values()) for (const p of info.plannedRoute ?? []) add(p[0], p[1]);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : undefined;
}
