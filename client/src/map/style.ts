import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * The offline default style: sea-coloured background, Hong Kong land from the shipped outline
 * (public/data/hk-land.geojson, see its README for source and licence), neighbouring land a shade darker.
 * No glyphs and no sprites: nothing is fetched from the internet, labels are HTML overlays.
 */
export const HK_CENTER: [number, number] = [114.12, 22.35];
export const HK_BOUNDS: [[number, number], [number, number]] = [
  [113.8, 22.13],
  [114.45, 22.58],
];

export const palette = {
  sea: '#cfe3ef',
  land: '#f4f1e8',
  landContext: '#e3e0d6',
  coast: '#9aa8a0',
} as const;

const landFill: ExpressionSpecification = [
  'match',
  ['get', 'role'],
  'hk',
  palette.land,
  'context',
  palette.landContext,
  palette.land,
];

export function landDataUrl(): string {
  return new URL('data/hk-land.geojson', document.baseURI).href;
}

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'sua-sandbox offline',
    sources: {
      land: {
        type: 'geojson',
        data: landDataUrl(),
        attribution: '© OpenStreetMap contributors, Natural Earth; geo-maps (MIT)',
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': palette.sea } },
      { id: 'land-fill', type: 'fill', source: 'land', paint: { 'fill-color': landFill } },
      { id: 'land-coast', type: 'line', source: 'land', paint: { 'line-color': palette.coast, 'line-width': 0.8 } },
    ],
  };
}
