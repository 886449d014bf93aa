import type { Permission } from '@sua-sandbox/rules/model';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { corridorW0 } from './envelope-map.js';

/** What the layer draws of a permission: a register entry or an application's permission version. */
export interface DrawnPermission {
  permissionId: string;
  status: string;
  permission: Permission;
}

const SOURCE = 'app-permissions';
export const PERMISSION_FILL = 'app-permissions-fill';
const LAYERS = [PERMISSION_FILL, 'app-permissions-outline', 'app-permissions-corridor'];

function feature(v: DrawnPermission, selected: boolean): GeoJSON.Feature {
  const properties = { id: v.permissionId, status: v.status, selected, w0: 0 };
  const area = v.permission.area;
  if (area.type !== 'Corridor') return { type: 'Feature', properties, geometry: area };
  // a corridor is drawn as a line as wide as the corridor on the ground, whatever the zoom
  properties.w0 = corridorW0(area.line, area.halfWidthM);
  return { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: area.line } };
}

/**
 * Permission envelopes on the map: the register (permissions active at a time) and the selected application's
 * envelope, whatever its status (pending ones dashed).
 */
export class PermissionLayer {
  constructor(private readonly map: MapLibreMap) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const colour = ['case', ['==', ['get', 'status'], 'active'], '#2b8a3e', '#868e96'] as const;
    map.addLayer({
      id: PERMISSION_FILL,
      type: 'fill',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': ['to-color', colour], 'fill-opacity': 0.15 },
    });
    map.addLayer({
      id: 'app-permissions-outline',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': ['to-color', colour], 'line-width': ['case', ['get', 'selected'], 3, 1.5] },
    });
    map.addLayer({
      id: 'app-permissions-corridor',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['to-color', colour],
        'line-opacity': ['case', ['get', 'selected'], 0.3, 0.2],
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
  }

  set(register: readonly DrawnPermission[], selected: DrawnPermission | undefined): void {
    const features = register.filter((v) => v.permissionId !== selected?.permissionId).map((v) => feature(v, false));
    if (selected) features.push(feature(selected, true));
    this.map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
  }

  setVisible(visible: boolean): void {
    for (const id of LAYERS) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
