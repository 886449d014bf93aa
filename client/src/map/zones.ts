import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { activeByWindows, isTemporary, type ZoneInfo } from './zone-model.js';
import { activeFilter, DASHED_CLASSES, zoneColour, zoneFillOpacity, zoneLineWidth } from './zone-style.js';

export const ZONE_SOURCE = 'zones';
export const ZONE_FILL = 'zones-fill';
const ZONE_LINE = 'zones-line';
const ZONE_LINE_DASHED = 'zones-line-dashed';

/**
 * The zone layers of one map. Features carry only what styling needs (id, class, effect, active);
 * the popup looks the rest up by id. Activity changes are sent as property diffs by feature id.
 */
export class ZoneLayer {
  private zones = new Map<string, ZoneInfo>();
  private base: ZoneInfo[] = [];
  private extra: ZoneInfo[] = [];
  private timeMs: number | undefined;
  private active = new Map<string, boolean>();
  private hiddenClasses = new Set<string>();
  private selected: string | undefined;

  constructor(private readonly map: MapLibreMap) {
    map.addSource(ZONE_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    map.addLayer({
      id: ZONE_FILL,
      type: 'fill',
      source: ZONE_SOURCE,
      filter: activeFilter,
      paint: { 'fill-color': zoneColour, 'fill-opacity': zoneFillOpacity },
    });
    map.addLayer({
      id: ZONE_LINE,
      type: 'line',
      source: ZONE_SOURCE,
      filter: ['all', activeFilter, ['!', ['in', ['get', 'class'], ['literal', DASHED_CLASSES]]]],
      paint: { 'line-color': zoneColour, 'line-width': zoneLineWidth, 'line-opacity': 0.9 },
    });
    map.addLayer({
      id: ZONE_LINE_DASHED,
      type: 'line',
      source: ZONE_SOURCE,
      filter: ['all', activeFilter, ['in', ['get', 'class'], ['literal', DASHED_CLASSES]]],
      paint: { 'line-color': zoneColour, 'line-width': zoneLineWidth, 'line-dasharray': [3, 2] },
    });
  }

  get all(): ZoneInfo[] {
    return [...this.zones.values()];
  }

  get(id: string): ZoneInfo | undefined {
    return this.zones.get(id);
  }

  /** Replace the catalogue (a rare event: load, draft preview). */
  setZones(zones: ZoneInfo[]): void {
    this.base = zones;
    this.rebuild();
  }

  /** Zones added on top of the catalogue (session, scenario or draft zones); same id replaces. */
  setExtraZones(zones: ZoneInfo[]): void {
    this.extra = zones;
    this.rebuild();
  }

  get extraZones(): ZoneInfo[] {
    return this.extra;
  }

  private rebuild(): void {
    const byId = new Map<string, ZoneInfo>();
    for (const z of this.base) byId.set(z.id, z);
    for (const z of this.extra) byId.set(z.id, z);
    const zones = [...byId.values()];
    const atMs = this.timeMs;
    this.zones = byId;
    this.active = new Map(zones.map((z) => [z.id, atMs === undefined ? true : activeByWindows(z, atMs)]));
    const source = this.map.getSource<GeoJSONSource>(ZONE_SOURCE);
    source?.setData({
      type: 'FeatureCollection',
      features: zones.map((z) => ({
        type: 'Feature',
        id: z.id,
        geometry: z.geometry,
        properties: {
          id: z.id,
          class: z.class,
          effect: z.effect,
          active: this.active.get(z.id),
          temporary: isTemporary(z),
        },
      })),
    });
  }

  /** Show temporary zones only while active at `tMs`; sends a diff of the zones that changed. */
  setTime(tMs: number, serverActiveIds?: ReadonlySet<string>): number {
    this.timeMs = tMs;
    const update: { id: string; addOrUpdateProperties: { key: string; value: boolean }[] }[] = [];
    for (const z of this.zones.values()) {
      if (!isTemporary(z) && !serverActiveIds) continue;
      const now = serverActiveIds ? serverActiveIds.has(z.id) : activeByWindows(z, tMs);
      if (this.active.get(z.id) === now) continue;
      this.active.set(z.id, now);
      update.push({ id: z.id, addOrUpdateProperties: [{ key: 'active', value: now }] });
    }
    if (update.length > 0) void this.map.getSource<GeoJSONSource>(ZONE_SOURCE)?.updateData({ update });
    return update.length;
  }

  /** Forget the time: every zone is shown (plan checker without a date, workbench). */
  clearTime(): void {
    this.timeMs = undefined;
    this.rebuild();
  }

  isActive(id: string): boolean {
    return this.active.get(id) !== false;
  }

  setClassVisible(cls: string, visible: boolean): void {
    if (visible) this.hiddenClasses.delete(cls);
    else this.hiddenClasses.add(cls);
    const classFilter: FilterSpecification = ['!', ['in', ['get', 'class'], ['literal', [...this.hiddenClasses]]]];
    this.map.setFilter(ZONE_FILL, ['all', activeFilter, classFilter]);
    this.map.setFilter(ZONE_LINE, [
      'all',
      activeFilter,
      classFilter,
      ['!', ['in', ['get', 'class'], ['literal', DASHED_CLASSES]]],
    ]);
    this.map.setFilter(ZONE_LINE_DASHED, [
      'all',
      activeFilter,
      classFilter,
      ['in', ['get', 'class'], ['literal', DASHED_CLASSES]],
    ]);
  }

  select(id: string | undefined): void {
    if (this.selected) this.map.setFeatureState({ source: ZONE_SOURCE, id: this.selected }, { selected: false });
    this.selected = id;
    if (id) this.map.setFeatureState({ source: ZONE_SOURCE, id }, { selected: true });
  }
}
