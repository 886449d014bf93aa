import { buildZoneIndex } from '../airspace/index.js';
import type { LegCrossing, ZoneIndex } from '../airspace/types.js';
import type { Zone } from '../model/zone.js';

/**
 * The catalogue index plus a session's own zones (scenario restrictions, crowds) that appear and disappear
 * during a run. All session zones are indexed once with stable indices; a presence mask switches them on
 * and off, so evaluators prepared over this index see changes without being rebuilt.
 */
export class LayeredZoneIndex implements ZoneIndex {
  private readonly overlay: ZoneIndex | null;
  private readonly present: Uint8Array;
  /** the base's zones when `zones` was last built (the server's live catalogue can change under us) */
  private baseZones: readonly Zone[] = [];
  private allZones: readonly Zone[] = [];
  private readonly byId = new Map<string, number>();
  private readonly scratch = new Int32Array(256);

  constructor(
    private readonly base: ZoneIndex,
    sessionZones: readonly Zone[],
    label: string,
  ) {
    this.overlay =
      sessionZones.length > 0 ? buildZoneIndex(sessionZones, { elevation: base.elevation, version: label }) : null;
    this.present = new Uint8Array(sessionZones.length);
    sessionZones.forEach((z, i) => {
      this.byId.set(z.id, i);
    });
  }

  get elevation() {
    return this.base.elevation;
  }

  get version(): string {
    return this.overlay ? `${this.base.version}+${this.overlay.version}` : this.base.version;
  }

  /** Catalogue zones first, then the session's (indices stable while the catalogue is unchanged). */
  get zones(): readonly Zone[] {
    if (this.base.zones !== this.baseZones) {
      this.baseZones = this.base.zones;
      this.allZones = this.overlay ? [...this.baseZones, ...this.overlay.zones] : this.baseZones;
    }
    return this.allZones;
  }

  private get baseCount(): number {
    return this.base.zones.length;
  }

  /** Switch a session zone on or off; returns false for an unknown id. */
  setPresent(zoneId: string, on: boolean): boolean {
    const i = this.byId.get(zoneId);
    if (i === undefined) return false;
    this.present[i] = on ? 1 : 0;
    return true;
  }

  isPresent(zoneId: string): boolean {
    const i = this.byId.get(zoneId);
    return i === undefined ? false : this.present[i] === 1;
  }

  pointQuery(lon: number, lat: number, altAmslM: number, tMs: number, out: Int32Array): number {
    let n = this.base.pointQuery(lon, lat, altAmslM, tMs, out);
    if (!this.overlay) return n;
    const m = this.overlay.pointQuery(lon, lat, altAmslM, tMs, this.scratch);
    for (let k = 0; k < m && n < out.length; k++) {
      const i = this.scratch[k];
      if (this.present[i]) out[n++] = this.baseCount + i;
    }
    return n;
  }

  legCrossings(aLon: number, aLat: number, bLon: number, bLat: number): LegCrossing[] {
    const crossings = this.base.legCrossings(aLon, aLat, bLon, bLat);
    if (!this.overlay) return crossings;
    for (const c of this.overlay.legCrossings(aLon, aLat, bLon, bLat))
      crossings.push({ ...c, zoneIndex: this.baseCount + c.zoneIndex });
    return crossings.sort((p, q) => p.enter - q.enter);
  }

  isActive(zoneIndex: number, tMs: number): boolean {
    if (zoneIndex < this.baseCount) return this.base.isActive(zoneIndex, tMs);
    const i = zoneIndex - this.baseCount;
    return this.overlay !== null && this.present[i] === 1 && this.overlay.isActive(i, tMs);
  }

  verticalContains(zoneIndex: number, lon: number, lat: number, altAmslM: number): boolean {
    if (zoneIndex < this.baseCount) return this.base.verticalContains(zoneIndex, lon, lat, altAmslM);
    return this.overlay?.verticalContains(zoneIndex - this.baseCount, lon, lat, altAmslM) ?? false;
  }
}
