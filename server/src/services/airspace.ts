import { buildZoneIndex } from '../../../rules/src/airspace/index.js';
import type { ElevationModel, ZoneIndex } from '../../../rules/src/airspace/types.js';
import type { Zone } from '../../../rules/src/model/index.js';
import type { Store, ZoneLayer } from '../store/types.js';
import type { SourcedZone } from './zone-geojson.js';

export interface Catalogue {
  version: string;
  zones: Zone[];
}

/**
 * The airspace used by checks: the built-in catalogue plus every stored zone layer. The index is rebuilt
 * whenever a layer is added or removed. Zones a rulebook adds or withdraws, and a plan's extra zones, are
 * layered on top by the engine itself (rules/src/engine/airspace-view.ts).
 */
export class AirspaceService {
  private layers: ZoneLayer[] = [];
  private current: ZoneIndex;
  private generation = 0;

  constructor(
    readonly catalogue: Catalogue,
    private readonly store: Store,
    private readonly elevation?: ElevationModel,
  ) {
    this.current = this.build(catalogue.zones, this.version());
  }

  async init(): Promise<void> {
    this.layers = await this.store.zoneLayers.list();
    this.rebuild();
  }

  private version(): string {
    // no layers: the catalogue's own version, so reports match the CLI's
    return this.layers.length === 0 ? this.catalogue.version : `${this.catalogue.version}+layers.${this.generation}`;
  }

  private build(zones: readonly Zone[], version: string): ZoneIndex {
    return buildZoneIndex(zones, { elevation: this.elevation, version });
  }

  /** Re-reads nothing: call after the layer list changed in memory. */
  private rebuild(): void {
    this.generation++;
    this.current = this.build(this.allZones(), this.version());
  }

  allZones(): Zone[] {
    return [...this.catalogue.zones, ...this.layers.flatMap((l) => l.zones)];
  }

  sourcedZones(): SourcedZone[] {
    return [
      ...this.catalogue.zones.map((zone) => ({ zone, source: 'catalogue' })),
      ...this.layers.flatMap((l) => l.zones.map((zone) => ({ zone, source: `layer:${l.id}` }))),
    ];
  }

  listLayers(): ZoneLayer[] {
    return this.layers;
  }

  index(): ZoneIndex {
    return this.current;
  }

  /**
   * A ZoneIndex that always answers from the current index, for long-lived consumers (the live
   * simulation) that are handed one index at start but should see imported layers.
   */
  liveIndex(): ZoneIndex {
    const self = this;
    return {
      get zones() {
        return self.current.zones;
      },
      get version() {
        return self.current.version;
      },
      get elevation() {
        return self.current.elevation;
      },
      pointQuery: (lon, lat, alt, t, out) => self.current.pointQuery(lon, lat, alt, t, out),
      legCrossings: (aLon, aLat, bLon, bLat) => self.current.legCrossings(aLon, aLat, bLon, bLat),
      isActive: (i, t) => self.current.isActive(i, t),
      verticalContains: (i, lon, lat, alt) => self.current.verticalContains(i, lon, lat, alt),
    };
  }

  /** Zone ids already taken by the catalogue or another layer. */
  takenIds(ids: readonly string[]): string[] {
    const taken = new Set(this.allZones().map((z) => z.id));
    return ids.filter((id) => taken.has(id));
  }

  addLayer(layer: ZoneLayer): void {
    this.layers = [...this.layers, layer];
    this.rebuild();
  }

  removeLayer(id: string): void {
    this.layers = this.layers.filter((l) => l.id !== id);
    this.rebuild();
  }
}
