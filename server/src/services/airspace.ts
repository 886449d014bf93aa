import type { ElevationModel, ZoneIndex } from '@sua-sandbox/rules/airspace';
import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Zone } from '@sua-sandbox/rules/model';
import type { Store, ZoneLayer } from '../store/types.js';
import type { SourcedZone } from './zone-geojson.js';

export interface Catalogue {
  version: string;
  zones: Zone[];
}

/**
 * The airspace used by checks: the built-in catalogue plus every stored zone layer. The layers are read
 * from the store, never trusted from memory: `refresh()` reads the store's layers version (one indexed read,
 * bumped by every layer change from any process) and reloads the layers only when it moved. Zones a rulebook
 * adds or withdraws, and a plan's extra zones, are layered on top by the engine itself
 * (rules/src/engine/airspace-view.ts).
 */
export class AirspaceService {
  private layers: ZoneLayer[] = [];
  private current: ZoneIndex;
  /** the store's layers version the current index was built from (undefined: not read yet) */
  private loaded: number | undefined;
  private pending: Promise<ZoneIndex> | undefined;

  constructor(
    readonly catalogue: Catalogue,
    private readonly store: Store,
    private readonly elevation?: ElevationModel,
  ) {
    this.current = this.build(catalogue.zones, catalogue.version);
  }

  async init(): Promise<void> {
    await this.refresh();
  }

  /**
   * The index as the store has it now. Concurrent callers share one read; a reload happens only when the
   * layers version changed since the last one.
   */
  refresh(): Promise<ZoneIndex> {
    this.pending ??= this.reload().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** After this process changed the layers: a refresh that began before the write cannot answer for it. */
  async refreshAfterWrite(): Promise<ZoneIndex> {
    await this.pending?.catch(() => undefined);
    return this.refresh();
  }

  private async reload(): Promise<ZoneIndex> {
    const version = await this.store.zoneLayers.version();
    if (version === this.loaded) return this.current;
    // read the layers and the version together so a change between the two reads is not missed
    const { layers, at } = await this.store.transaction(async (tx) => ({
      layers: await tx.zoneLayers.list(),
      at: await tx.zoneLayers.version(),
    }));
    this.layers = layers;
    this.loaded = at;
    // the same layers give the same version string in every process (the store's counter, not a local one)
    const name = layers.length === 0 ? this.catalogue.version : `${this.catalogue.version}+layers.${at}`;
    this.current = this.build(this.allZones(), name);
    return this.current;
  }

  private build(zones: readonly Zone[], version: string): ZoneIndex {
    return buildZoneIndex(zones, { elevation: this.elevation, version });
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

  /** The index as of the last refresh (the HTTP layer refreshes before every request). */
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
}
