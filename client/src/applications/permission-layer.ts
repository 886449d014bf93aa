import type { PermissionVersion } from '@sua-sandbox/rules/api';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

const SOURCE = 'app-permissions';
export const PERMISSION_FILL = 'app-permissions-fill';
const LAYERS = [PERMISSION_FILL, 'app-permissions-outline', 'app-permissions-corridor'];

/** Metres per pixel at zoom 0 on the equator (Web Mercator, 512 px tiles as MapLibre draws them). */
const METRES_PER_PX_Z0 = 78_271.517;

/** Is the permission's validity open at `tMs` (a window without an end is open-ended)? */
export function validAt(version: PermissionVersion, tMs: number): boolean {
  return version.permission.validity.some(
    (w) => (!w.from || Date.parse(w.from) <= tMs) && (!w.to || tMs <= Date.parse(w.to)),
  );
}

function feature(v: PermissionVersion, selected: boolean): GeoJSON.Feature {
  const properties = { id: v.permissionId, status: v.status, selected, w0: 0 };
  const area = v.permission.area;
  if (area.type !== 'Corridor') return { type: 'Feature', properties, geometry: area };
  // a corridor is drawn as a line as wide as the corridor on the ground, whatever the zoom
  const lat = area.line[0]?.[1] ?? 22.3;
  properties.w0 = (2 * area.halfWidthM) / (METRES_PER_PX_Z0 * Math.cos((lat * Math.PI) / 180));
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

  set(register: readonly PermissionVersion[], selected: PermissionVersion | undefined): void {
    const features = register.filter((v) => v.permissionId !== selected?.permissionId).map((v) => feature(v, false));
    if (selected) features.push(feature(selected, true));
    this.map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
  }

  setVisible(visible: boolean): void {
    for (const id of LAYERS) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
