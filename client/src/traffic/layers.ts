import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/**
 * The Traffic view's map layers. Style is data: what a feature is (`kind`) and its intent's `state` pick its
 * paint through expressions; the view only replaces the sources' data.
 */
export const TRAFFIC_SOURCES = {
  network: 'traffic-network',
  intents: 'traffic-intents',
  conflicts: 'traffic-conflicts',
  proposal: 'traffic-proposal',
} as const;

export const TRAFFIC_LAYERS = {
  corridor: 'traffic-corridor-fill',
  corridorEdge: 'traffic-corridor-edge',
  centreline: 'traffic-centreline',
  arrows: 'traffic-arrows',
  approach: 'traffic-vertiport-approach',
  departure: 'traffic-vertiport-departure',
  pads: 'traffic-pads',
  intents: 'traffic-intents-fill',
  intentEdges: 'traffic-intents-edge',
  conflictVolumes: 'traffic-conflict-volumes',
  conflicts: 'traffic-conflicts-fill',
  proposalRoute: 'traffic-proposal-route',
  blocking: 'traffic-proposal-blocking',
} as const;

/** F3548 states: planned in blue, flying in green, off its volumes in orange, contingent in magenta. */
export const STATE_COLOURS = {
  Accepted: '#1c7ed6',
  Activated: '#2b8a3e',
  Nonconforming: '#e8590c',
  Contingent: '#c2255c',
} as const;
const CONFLICT = '#e03131';
const ROUTE = '#6741d9';
const VERTIPORT = '#0b7285';

const stateColour: ExpressionSpecification = [
  'match',
  ['get', 'state'],
  'Accepted',
  STATE_COLOURS.Accepted,
  'Activated',
  STATE_COLOURS.Activated,
  'Nonconforming',
  STATE_COLOURS.Nonconforming,
  'Contingent',
  STATE_COLOURS.Contingent,
  '#868e96',
];
const kind = (k: string): FilterSpecification => ['==', ['get', 'kind'], k];
const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export class TrafficMapLayers {
  constructor(private readonly map: MapLibreMap) {
    for (const id of Object.values(TRAFFIC_SOURCES)) map.addSource(id, { type: 'geojson', data: empty() });
    const L = TRAFFIC_LAYERS;
    const S = TRAFFIC_SOURCES;
    map.addLayer({
      id: L.corridor,
      type: 'fill',
      source: S.network,
      filter: kind('corridor'),
      paint: { 'fill-color': ROUTE, 'fill-opacity': 0.07 },
    });
    map.addLayer({
      id: L.corridorEdge,
      type: 'line',
      source: S.network,
      filter: kind('corridor'),
      paint: { 'line-color': ROUTE, 'line-opacity': 0.5, 'line-width': 1, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: L.centreline,
      type: 'line',
      source: S.network,
      filter: kind('centreline'),
      paint: { 'line-color': ROUTE, 'line-width': 1.5 },
    });
    map.addLayer({
      id: L.arrows,
      type: 'line',
      source: S.network,
      filter: kind('arrow'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROUTE, 'line-width': 2.5 },
    });
    // approach volumes dashed, departure volumes solid
    map.addLayer({
      id: L.approach,
      type: 'line',
      source: S.network,
      filter: kind('approach'),
      paint: { 'line-color': VERTIPORT, 'line-width': 1.2, 'line-dasharray': [4, 2] },
    });
    map.addLayer({
      id: L.departure,
      type: 'line',
      source: S.network,
      filter: kind('departure'),
      paint: { 'line-color': VERTIPORT, 'line-width': 1.2 },
    });
    map.addLayer({
      id: L.pads,
      type: 'fill',
      source: S.network,
      filter: kind('pad'),
      paint: { 'fill-color': VERTIPORT, 'fill-opacity': 0.8 },
    });
    map.addLayer({
      id: L.intents,
      type: 'fill',
      source: S.intents,
      paint: { 'fill-color': stateColour, 'fill-opacity': 0.28 },
    });
    map.addLayer({
      id: L.intentEdges,
      type: 'line',
      source: S.intents,
      paint: { 'line-color': stateColour, 'line-width': 1.5 },
    });
    map.addLayer({
      id: L.conflictVolumes,
      type: 'line',
      source: S.conflicts,
      filter: kind('volume'),
      paint: { 'line-color': CONFLICT, 'line-width': 2.5 },
    });
    map.addLayer({
      id: L.conflicts,
      type: 'fill',
      source: S.conflicts,
      filter: kind('intersection'),
      paint: { 'fill-color': CONFLICT, 'fill-opacity': 0.55 },
    });
    map.addLayer({
      id: L.proposalRoute,
      type: 'line',
      source: S.proposal,
      filter: kind('route'),
      paint: { 'line-color': '#212529', 'line-width': 2, 'line-dasharray': [2, 2] },
    });
    map.addLayer({
      id: L.blocking,
      type: 'fill',
      source: S.proposal,
      filter: kind('blocking'),
      paint: { 'fill-color': CONFLICT, 'fill-opacity': 0.35 },
    });
  }

  set(source: keyof typeof TRAFFIC_SOURCES, data: GeoJSON.FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(TRAFFIC_SOURCES[source])?.setData(data);
  }

  setVisible(visible: boolean): void {
    for (const id of Object.values(TRAFFIC_LAYERS))
      this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
