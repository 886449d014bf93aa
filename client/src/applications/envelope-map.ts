import { type GeoJSONSource, type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { EnvelopeDraft, LngLat } from './envelope.js';

const SOURCE = 'app-envelope-edit';
const LAYERS = ['app-envelope-fill', 'app-envelope-outline', 'app-envelope-corridor', 'app-envelope-centre'];
/** Metres per pixel at zoom 0 on the equator (Web Mercator, 512 px tiles as MapLibre draws them). */
const METRES_PER_PX_Z0 = 78_271.517;
/** Beyond this many vertices the shape is drawn but not given handles (a long imported track). */
const MAX_HANDLES = 150;

/** A corridor's width in pixels at zoom 0, so a line layer draws it as wide as it is on the ground. */
export function corridorW0(line: readonly LngLat[], halfWidthM: number): number {
  const lat = line[0]?.[1] ?? 22.3;
  return (2 * halfWidthM) / (METRES_PER_PX_Z0 * Math.cos((lat * Math.PI) / 180));
}

function features(d: EnvelopeDraft): GeoJSON.Feature[] {
  if (d.shape.type === 'corridor') {
    if (d.shape.line.length < 2) return [];
    const geometry: GeoJSON.LineString = { type: 'LineString', coordinates: d.shape.line };
    return [
      {
        type: 'Feature',
        id: 1,
        properties: { w0: corridorW0(d.shape.line, Number.isFinite(d.halfWidthM) ? Math.max(d.halfWidthM, 0) : 0) },
        geometry,
      },
    ];
  }
  const ring = d.shape.ring;
  if (ring.length < 3) {
    if (ring.length < 2) return [];
    return [{ type: 'Feature', id: 1, properties: { w0: 0 }, geometry: { type: 'LineString', coordinates: ring } }];
  }
  const first = ring[0] as LngLat;
  return [
    {
      type: 'Feature',
      id: 1,
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...ring, first]] },
    },
  ];
}

/**
 * The envelope being approved, drawn live on the map (a corridor as wide as it is on the ground, or the drawn
 * area), with a draggable handle on every vertex: moving one changes the draft the approval will send.
 */
export class EnvelopeMap {
  private markers: Marker[] = [];
  private draft: EnvelopeDraft | undefined;
  /** the vertex list the handles were made for (dragging edits it in place) */
  private points: LngLat[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly onEdited: () => void,
  ) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const colour = '#e8590c';
    map.addLayer({
      id: 'app-envelope-fill',
      type: 'fill',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': 0.18 },
    });
    map.addLayer({
      id: 'app-envelope-outline',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': colour, 'line-width': 2, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: 'app-envelope-corridor',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colour,
        'line-opacity': 0.25,
        'line-width': [
          'interpolate',
          ['exponential', 2],
          ['zoom'],
          0,
          ['get', 'w0'],
          22,
          ['*', ['get', 'w0'], 2 ** 22],
        ],
      },
    });
    map.addLayer({
      id: 'app-envelope-centre',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': colour, 'line-width': 1.5, 'line-dasharray': [2, 2] },
    });
  }

  /** Show this draft (or nothing); handles are rebuilt when the vertex list was replaced or changed length. */
  set(draft: EnvelopeDraft | undefined): void {
    const points = this.vertices(draft);
    const rebuild = points !== this.points || points.length !== this.markers.length;
    this.draft = draft;
    this.points = points;
    this.redraw();
    if (rebuild) this.rebuildHandles();
  }

  setVisible(visible: boolean): void {
    for (const id of LAYERS) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    for (const m of this.markers) m.getElement().hidden = !visible;
  }

  /** Redraw the shape (after a field changed); handles stay where they are. */
  redraw(): void {
    const data: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: this.draft ? features(this.draft) : [],
    };
    this.map.getSource<GeoJSONSource>(SOURCE)?.setData(data);
  }

  private vertices(draft: EnvelopeDraft | undefined): LngLat[] {
    if (!draft) return NONE;
    return draft.shape.type === 'corridor' ? draft.shape.line : draft.shape.ring;
  }

  private rebuildHandles(): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
    const points = this.vertices(this.draft);
    if (points.length > MAX_HANDLES) return;
    const kind = this.draft?.shape.type ?? 'corridor';
    this.markers = points.map((p, i) => {
      const el = h('div', {
        class: 'env-vertex',
        role: 'button',
        tabindex: 0,
        'aria-roledescription': t('apps.env.vertexKeys'),
        'data-testid': 'env-vertex',
        'data-index': i,
        'data-kind': kind,
        'aria-label': t('apps.env.vertex', { n: i + 1 }),
        title: t('apps.env.vertex', { n: i + 1 }),
      });
      const marker = new Marker({ element: el, draggable: true }).setLngLat(p).addTo(this.map);
      const move = () => {
        const at = marker.getLngLat();
        const list = this.vertices(this.draft);
        if (i < list.length) list[i] = [round(at.lng), round(at.lat)];
        this.redraw();
      };
      marker.on('drag', move);
      marker.on('dragend', () => {
        move();
        this.onEdited();
      });
      // the keyboard moves a vertex too: 10 px a press on screen, whatever the zoom
      el.addEventListener('keydown', (e) => {
        const step = ARROWS[e.key];
        if (!step) return;
        e.preventDefault();
        const px = this.map.project(marker.getLngLat());
        marker.setLngLat(this.map.unproject([px.x + step[0], px.y + step[1]]));
        move();
      });
      return marker;
    });
  }
}

const NONE: LngLat[] = [];
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-10, 0],
  ArrowRight: [10, 0],
  ArrowUp: [0, -10],
  ArrowDown: [0, 10],
};

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
