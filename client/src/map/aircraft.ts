import type { AircraftState } from '@sua-sandbox/rules/protocol';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { STATUS_COLOURS, type Status } from '../live/status.js';
import { matchTable } from './expr.js';
import { ARROW_ICON, addArrowIcon } from './icons.js';
import { type IdFeature, PendingDiff } from './pending-diff.js';

const statusColour = matchTable('status', STATUS_COLOURS, STATUS_COLOURS.ok);

const TRAIL_POINTS = 40;
/** Push a trail point every this many position updates: trails stay cheap with thousands of aircraft. */
const TRAIL_EVERY = 3;

type SourceKey = 'aircraft' | 'trails' | 'findings';
const SOURCES: readonly SourceKey[] = ['aircraft', 'trails', 'findings'];

/**
 * Aircraft, trails and open-finding markers of one map. After the first load every change is a diff by
 * feature id: a tick moves points, a finding flips one aircraft's `status`. The changes of a frame are merged
 * per source and go to MapLibre as one GeoJSONSource.updateData each: every updateData is a worker round trip,
 * tile reloads and frames.
 */
export class AircraftLayer {
  readonly ids: { dot: string; arrow: string; trails: string; findings: string; selected: string };
  private readonly src: Record<SourceKey, string>;
  private readonly pending: Record<SourceKey, PendingDiff> = {
    aircraft: new PendingDiff(),
    trails: new PendingDiff(),
    findings: new PendingDiff(),
  };
  private flushQueued = false;
  private trails = new Map<string, [number, number][]>();
  private updates = 0;
  private known = new Set<string>();
  /** each aircraft's colour as last drawn, so a finding that leaves it unchanged costs no reload */
  private statuses = new Map<string, Status>();
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

  /**
   * Send the pending changes on the next animation frame, not in a microtask: a tick and the finding events that
   * follow it are separate socket messages (separate tasks), which only a frame gathers; MapLibre draws on frames
   * anyway, so the display waits at most one frame more. In a background tab frames stop, and what is pending
   * stays one change per feature.
   */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    for (const key of SOURCES) {
      const diff = this.pending[key].take();
      if (diff) void this.source(this.src[key])?.updateData(diff);
    }
  }

  private pointFeature(s: AircraftState, status: Status): IdFeature {
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
    this.statuses.clear();
    // changes made before the reset are in the new data already, or stale
    this.pending.aircraft.drop();
    this.pending.trails.drop();
    const points: IdFeature[] = [];
    const lines: IdFeature[] = [];
    for (const s of states) {
      const status = statusOf(s.id);
      this.known.add(s.id);
      this.statuses.set(s.id, status);
      this.trails.set(s.id, [[s.lon, s.lat]]);
      points.push(this.pointFeature(s, status));
      lines.push(this.trailFeature(s.id, status));
    }
    if (!this.visible) return;
    void this.source(this.src.aircraft)?.setData({ type: 'FeatureCollection', features: points });
    void this.source(this.src.trails)?.setData({ type: 'FeatureCollection', features: lines });
  }

  private trailFeature(id: string, status: Status): IdFeature {
    const coords = this.trails.get(id) ?? [];
    const line = coords.length > 1 ? coords.slice() : [...coords, ...coords];
    return { type: 'Feature', id, geometry: { type: 'LineString', coordinates: line }, properties: { id, status } };
  }

  /** Move the aircraft of one tick; new ones are added, removed ones dropped. */
  update(changed: AircraftState[], removed: readonly string[], statusOf: (id: string) => Status): void {
    this.updates++;
    const withTrail = this.updates % TRAIL_EVERY === 0;
    // hidden: only the bookkeeping, the sources are drawn afresh (reset) when shown again
    const points = this.visible ? this.pending.aircraft : undefined;
    const lines = this.visible ? this.pending.trails : undefined;
    for (const s of changed) {
      const trail = this.trails.get(s.id);
      if (!this.known.has(s.id) || !trail) {
        const status = statusOf(s.id);
        this.known.add(s.id);
        this.statuses.set(s.id, status);
        this.trails.set(s.id, [[s.lon, s.lat]]);
        points?.add(this.pointFeature(s, status));
        lines?.add(this.trailFeature(s.id, status));
        continue;
      }
      points?.update(s.id, {
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        props: { heading: s.headingDeg, airborne: s.mode !== 'scheduled' && s.mode !== 'landed' },
      });
      if (withTrail) {
        const last = trail[trail.length - 1];
        if (last && last[0] === s.lon && last[1] === s.lat) continue;
        trail.push([s.lon, s.lat]);
        if (trail.length > TRAIL_POINTS) trail.shift();
        // a copy: MapLibre keeps the geometry it is given and compares it with the next one to find the tiles to
        // reload; this array changes in place, so the tile that held a dropped tail point could keep a stale segment
        if (trail.length > 1) lines?.update(s.id, { geometry: { type: 'LineString', coordinates: trail.slice() } });
      }
    }
    for (const id of removed) {
      this.known.delete(id);
      this.statuses.delete(id);
      this.trails.delete(id);
      points?.remove(id);
      lines?.remove(id);
    }
    if (this.visible) this.queueFlush();
  }

  /** One aircraft's colour (a finding opened or closed); the binding calls it for every finding event. */
  setStatus(id: string, status: Status): void {
    if (!this.visible || !this.known.has(id) || this.statuses.get(id) === status) return;
    this.statuses.set(id, status);
    this.pending.aircraft.update(id, { props: { status } });
    this.pending.trails.update(id, { props: { status } });
    this.queueFlush();
  }

  addFinding(id: string, at: [number, number], status: Status, aircraftId: string): void {
    if (this.findingIds.has(id)) return;
    this.findingIds.add(id);
    this.pending.findings.add({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: at },
      properties: { id, status, aircraftId },
    });
    this.queueFlush();
  }

  removeFinding(id: string): void {
    if (!this.findingIds.delete(id)) return;
    this.pending.findings.remove(id);
    this.queueFlush();
  }

  /** Remove every marker; a redraw adds them again right after, so clear and adds go as one update. */
  clearFindings(): void {
    this.findingIds.clear();
    this.pending.findings.clear();
    this.queueFlush();
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
