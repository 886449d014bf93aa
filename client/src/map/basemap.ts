import type { Map as MapLibreMap } from 'maplibre-gl';
import { lang } from '../i18n/index.js';

/**
 * Optional online basemap: the Lands Department's public XYZ tiles (CSDI / LandsD Map API, no key).
 * It sits under the zones and over the offline outline. If tiles fail (no internet), the layer is removed
 * and `onFailure` is told, so the offline outline stays.
 */
const TILE_ROOT = 'https://mapapi.geodata.gov.hk/gs/api/v1.0.0/xyz';
const SOURCE_BASE = 'hkgov-base';
const SOURCE_LABEL = 'hkgov-label';
const ATTRIBUTION =
  '<a href="https://api.portal.hkmapservice.gov.hk/disclaimer" target="_blank" rel="noopener">Map from Lands Department</a>';

export type BasemapKind = 'offline' | 'hkgov';

export function setBasemap(map: MapLibreMap, kind: BasemapKind, onFailure: (reason: string) => void): void {
  removeOnline(map);
  if (kind === 'offline') return;
  const labelLang = lang() === 'zh' ? 'tc' : 'en';
  map.addSource(SOURCE_BASE, {
    type: 'raster',
    tiles: [`${TILE_ROOT}/basemap/wgs84/{z}/{x}/{y}.png`],
    tileSize: 256,
    maxzoom: 19,
    attribution: ATTRIBUTION,
  });
  map.addSource(SOURCE_LABEL, {
    type: 'raster',
    tiles: [`${TILE_ROOT}/label/hk/${labelLang}/wgs84/{z}/{x}/{y}.png`],
    tileSize: 256,
    maxzoom: 19,
  });
  // Insert right above the offline land so zones and aircraft stay on top.
  const before = firstOverlayLayer(map);
  map.addLayer({ id: SOURCE_BASE, type: 'raster', source: SOURCE_BASE }, before);
  map.addLayer({ id: SOURCE_LABEL, type: 'raster', source: SOURCE_LABEL }, before);

  let failed = false;
  const onError = (e: { sourceId?: string; error?: { message?: string } }): void => {
    if (failed || (e.sourceId !== SOURCE_BASE && e.sourceId !== SOURCE_LABEL)) return;
    failed = true;
    map.off('error', onError);
    removeOnline(map);
    onFailure(e.error?.message ?? 'tile request failed');
  };
  map.on('error', onError);
}

function removeOnline(map: MapLibreMap): void {
  for (const id of [SOURCE_LABEL, SOURCE_BASE]) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
}

function firstOverlayLayer(map: MapLibreMap): string | undefined {
  const layers = map.getStyle().layers ?? [];
  const idx = layers.findIndex((l) => l.id === 'land-coast');
  return layers[idx + 1]?.id;
}
