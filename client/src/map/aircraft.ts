import type { AircraftState } from '@sua-sandbox/rules/protocol';
import type { GeoJSONSource, GeoJSONSourceDiff, Map as MapLibreMap } from 'maplibre-gl';
import { STATUS_COLOURS, type Status } from '../live/status.js';
import { matchTable } from './expr.js';
import { ARROW_ICON, addArrowIcon } from './icons.js';

const statusColour = matchTable('status', STATUS_COLOURS, STATUS_COLOURS.ok);

const TRAIL_POINTS = 40;
/** Push a trail point every this many position updates: trails stay cheap with thousands of aircraft. */
const TRAIL_EVERY = 3;

type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>>;

/**
 * Aircraft, trails and open-finding markers of one map. After the first load every change is a diff by
 * feature id (GeoJSONSource.updateData): a tick moves points, a finding flips one aircraft's `status`.
 */
export class AircraftLayer {
  readonly ids: { dot: string; arrow: string; trails: string; findings: string; selected: string };
  private readonly src: { aircraft: string; trails: string; findings: string };
  private trails = new Map<string, [number, number][]>();
  private updates = 0;
  private known = new Set<string>();
  private findingIds = new Set<string>();
  private visible = true;
  private selected: string | undefined;

  constructor(
    private readonly map: MapLibreMap,
    prefix = 'ac',
  ) {
    this.src = { aircraft: prefix, trails: `${prefix}-trails`, findings: `${prefix}-findings` };
    this.ids = {
      dot: `${prefix}-dot`,
      arrow: `${prefix}-arrow`,
      trails: `${prefix}-trails`,
      findings: `${prefix}-findings`,
      selected: `${prefix}-selected`,
    };
    addArrowIcon(map);
    const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    for (const s of Object.values(this.src)) map.addSource(s, { type: 'geojson', data: empty, promoteId: 'id' });
    map.addLayer({
      id: this.ids.trails,
      type: 'line',
      source: this.src.trails,
      paint: { 'line-color': statusColour, 'line-width': 1.5, 'line-opacity': 0.55 },
    });
    map.addLayer({
      id: this.ids.findings,
      type: 'circle',
      source: this.src.findings,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 7, 14, 12],
        'circle-color': statusColour,
        'circle-opacity': 0.15,
        'circle-stroke-color': statusColour,
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: this.ids.selected,
      type: 'circle',
      source: this.src.aircraft,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#1864ab',
        'circle-stroke-width': 3,
      },
    });
    map.addLayer({
      id: this.ids.dot,
      type: 'circle',
      source: this.src.aircraft,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 10.5, 4, 13, 4],
        'circle-color': statusColour,
        'circle-opacity': ['case', ['get', 'airborne'], 1, 0.35],
      },
    });
    map.addLayer({
      id: this.ids.arrow,
      type: 'symbol',
      source: this.src.aircraft,
      // Heading arrows only where they can be seen; the overview draws dots (cheaper with thousands).
      minzoom: 10.5,
      layout: {
        'icon-image': ARROW_ICON,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 13, 1.1],
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: {
        'icon-color': statusColour,
        'icon-halo-color': '#ffffff',
        'icon-halo-width': 1,
        'icon-opacity': ['case', ['get', 'airborne'], 1, 0.35],
      },
    });
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  private pointFeature(s: AircraftState, status: Status): Feature {
    return {
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: {
        id: s.id,
        status,
        heading: s.headingDeg,
        airborne: s.mode !== 'scheduled' && s.mode !== 'landed',
      },
    };
  }

  /** Replace everything (snapshot, seek, or the view becoming visible again). */
  reset(states: Iterable<AircraftState>, statusOf: (id: string) => Status): void {
    this.trails.clear();
    this.known.clear();
    const points: Feature[] = [];
    const lines: Feature[] = [];
    for (const s of states) {
      this.known.add(s.id);
      this.trails.set(s.id, [[s.lon, s.lat]]);
      points.push(this.pointFeature(s, statusOf(s.id)));
      lines.push(this.trailFeature(s.id, statusOf(s.id)));
    }
    if (!this.visible) return;
    void this.source(this.src.aircraft)?.setData({ type: 'FeatureCollection', features: points });
    void this.source(this.src.trails)?.setData({ type: 'FeatureCollection', features: lines });
  }

  private trailFeature(id: string, status: Status): Feature {
    const coords = this.trails.get(id) ?? [];
    const line = coords.length > 1 ? coords : [...coords, ...coords];
    return { type: 'Feature', id, geometry: { type: 'LineString', coordinates: line }, properties: { id, status } };
  }

  /** Move the aircraft of one tick; new ones are added, removed ones dropped. */
  update(changed: AircraftState[], removed: readonly string[], statusOf: (id: string) => Status): void {
    this.updates++;
    const withTrail = this.updates % TRAIL_EVERY === 0;
    const add: Feature[] = [];
    const addTrail: Feature[] = [];
    const update: NonNullable<GeoJSONSourceDiff['update']> = [];
    const updateTrail: NonNullable<GeoJSONSourceDiff['update']> = [];
    for (const s of changed) {
      const trail = this.trails.get(s.id);
      if (!this.known.has(s.id) || !trail) {
        this.known.add(s.id);
        this.trails.set(s.id, [[s.lon, s.lat]]);
        add.push(this.pointFeature(s, statusOf(s.id)));
        addTrail.push(this.trailFeature(s.id, statusOf(s.id)));
        continue;
      }
      update.push({
        id: s.id,
        newGeometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        addOrUpdateProperties: [
          { key: 'heading', value: s.headingDeg },
          { key: 'airborne', value: s.mode !== 'scheduled' && s.mode !== 'landed' },
        ],
      });
      if (withTrail) {
        const last = trail[trail.length - 1];
        if (last && last[0] === s.lon && last[1] === s.lat) continue;
        trail.push([s.lon, s.lat]);
        if (trail.length > TRAIL_POINTS) trail.shift();
        if (trail.length > 1) updateTrail.push({ id: s.id, newGeometry: { type: 'LineString', coordinates: trail } });
      }
    }
    for (const id of removed) {
      this.known.delete(id);
      this.trails.delete(id);
    }
    if (!this.visible) return;
    const rm = removed.length > 0 ? [...removed] : undefined;
    void this.source(this.src.aircraft)?.updateData({ add, update, remove: rm });
    if (addTrail.length || updateTrail.length || rm)
      void this.source(this.src.trails)?.updateData({ add: addTrail, update: updateTrail, remove: rm });
  }

  /** One aircraft's colour changed (a finding opened or closed). */
  setStatus(id: string, status: Status): void {
    if (!this.visible || !this.known.has(id)) return;
    const props = [{ key: 'status', value: status }];
    void this.source(this.src.aircraft)?.updateData({ update: [{ id, addOrUpdateProperties: props }] });
    void this.source(this.src.trails)?.updateData({ update: [{ id, addOrUpdateProperties: props }] });
  }

  addFinding(id: string, at: [number, number], status: Status, aircraftId: string): void {
    if (this.findingIds.has(id)) return;
    this.findingIds.add(id);
    const f: Feature = {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: at },
      properties: { id, status, aircraftId },
    };
    void this.source(this.src.findings)?.updateData({ add: [f] });
  }

  removeFinding(id: string): void {
    if (!this.findingIds.delete(id)) return;
    void this.source(this.src.findings)?.updateData({ remove: [id] });
  }

  clearFindings(): void {
    this.findingIds.clear();
    void this.source(this.src.findings)?.setData({ type: 'FeatureCollection', features: [] });
  }

  select(id: string | undefined): void {
    this.selected = id;
    this.map.setFilter(this.ids.selected, ['==', ['get', 'id'], id ?? '']);
  }

  get selectedId(): string | undefined {
    return this.selected;
  }

  get layerIds(): string[] {
    return [this.ids.trails, this.ids.findings, this.ids.selected, this.ids.dot, this.ids.arrow];
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const id of this.layerIds) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
