import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { STATUS_COLOURS, type Status } from '../live/status.js';
import { matchTable } from './expr.js';

const legColour = matchTable('status', { ...STATUS_COLOURS, planned: '#1864ab' }, '#1864ab');

/**
 * A route drawn leg by leg (feature id = leg index) so each leg can carry its own status colour and be
 * highlighted by feature-state; waypoints as numbered circles. Used by the live view (planned route of the
 * selected aircraft) and the plan checker.
 */
export class RouteLayer {
  readonly legLayer: string;
  readonly waypointLayer: string;
  private readonly legSource: string;
  private readonly wpSource: string;
  private highlighted: number | undefined;

  constructor(
    private readonly map: MapLibreMap,
    prefix: string,
  ) {
    this.legSource = `${prefix}-legs`;
    this.wpSource = `${prefix}-wps`;
    this.legLayer = `${prefix}-legs`;
    this.waypointLayer = `${prefix}-wps`;
    const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    map.addSource(this.legSource, { type: 'geojson', data: empty });
    map.addSource(this.wpSource, { type: 'geojson', data: empty });
    map.addLayer({
      id: `${this.legLayer}-casing`,
      type: 'line',
      source: this.legSource,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': ['case', ['boolean', ['feature-state', 'highlight'], false], 11, 6],
      },
    });
    map.addLayer({
      id: this.legLayer,
      type: 'line',
      source: this.legSource,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': legColour,
        'line-width': ['case', ['boolean', ['feature-state', 'highlight'], false], 7, 3],
        'line-dasharray': [2, 1],
      },
    });
    map.addLayer({
      id: this.waypointLayer,
      type: 'circle',
      source: this.wpSource,
      paint: {
        'circle-radius': 6,
        'circle-color': '#ffffff',
        'circle-stroke-color': '#1864ab',
        'circle-stroke-width': 2.5,
      },
    });
  }

  /** Small data (tens of points): replaced whole. `legStatus[i]` colours leg i. */
  setRoute(coords: readonly (readonly number[])[], legStatus: readonly (Status | 'planned')[] = []): void {
    this.highlighted = undefined;
    const legs: GeoJSON.Feature[] = [];
    for (let i = 0; i + 1 < coords.length; i++)
      legs.push({
        type: 'Feature',
        id: i,
        geometry: { type: 'LineString', coordinates: [coords[i].slice(0, 2), coords[i + 1].slice(0, 2)] },
        properties: { leg: i, status: legStatus[i] ?? 'planned' },
      });
    const wps: GeoJSON.Feature[] = coords.map((c, i) => ({
      type: 'Feature',
      id: i,
      geometry: { type: 'Point', coordinates: c.slice(0, 2) },
      properties: { index: i },
    }));
    void this.map.getSource<GeoJSONSource>(this.legSource)?.setData({ type: 'FeatureCollection', features: legs });
    void this.map.getSource<GeoJSONSource>(this.wpSource)?.setData({ type: 'FeatureCollection', features: wps });
  }

  clear(): void {
    this.setRoute([]);
  }

  highlightLeg(leg: number | undefined): void {
    if (this.highlighted !== undefined)
      this.map.setFeatureState({ source: this.legSource, id: this.highlighted }, { highlight: false });
    this.highlighted = leg;
    if (leg !== undefined) this.map.setFeatureState({ source: this.legSource, id: leg }, { highlight: true });
  }

  get highlightedLeg(): number | undefined {
    return this.highlighted;
  }

  setVisible(visible: boolean): void {
    for (const id of [`${this.legLayer}-casing`, this.legLayer, this.waypointLayer])
      this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
