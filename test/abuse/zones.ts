/** Zone layers the careless or hostile client of issue 10 imports: inverted, impossible or enormous geometry. */
import { zoneToFeature } from '../../rules/src/airspace/formats/index.js';
import type { ZoneInput } from '../../rules/src/model/index.js';

/** A user zone with valid members; geometry and limits come from `overrides`. */
export function userZone(id: string, overrides: Partial<ZoneInput> = {}): ZoneInput {
  return {
    id,
    name: { en: `Abuse zone ${id}`, zh: `濫用測試區 ${id}` },
    class: 'temporary-restriction',
    effect: 'restricted-flying-zone',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [114.1, 22.3],
          [114.11, 22.3],
          [114.11, 22.31],
          [114.1, 22.31],
          [114.1, 22.3],
        ],
      ],
    },
    lower: { value: 0, unit: 'm', ref: 'AGL' },
    upper: { value: 120, unit: 'm', ref: 'AGL' },
    provenance: { accuracy: 'approximate', source: 'abuse suite' },
    ...overrides,
  };
}

/** Our GeoJSON zone layer (what GET /api/zones/export?format=geojson writes). */
export function zoneLayer(zones: ZoneInput[]): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: zones.map((z) => zoneToFeature(z as Parameters<typeof zoneToFeature>[0])),
  };
}

type Ring = [number, number][];
const polygon = (ring: Ring) => ({ type: 'Polygon' as const, coordinates: [ring] });

/** Crosses the 180° meridian: from 179.5°E to 179.5°W. Read naively it spans the whole world the other way. */
export const antimeridianZone = () =>
  userZone('abuse-antimeridian', {
    geometry: polygon([
      [179.5, 10],
      [-179.5, 10],
      [-179.5, 11],
      [179.5, 11],
      [179.5, 10],
    ]),
  });

export const invertedLimitsZone = () =>
  userZone('abuse-lower-above-upper', {
    lower: { value: 500, unit: 'm', ref: 'AGL' },
    upper: { value: 100, unit: 'm', ref: 'AGL' },
  });

export const hugeRadiusZone = () =>
  userZone('abuse-huge-radius', { geometry: { type: 'Circle', center: [114.1, 22.3], radiusM: 1e12 } });

/** A bow tie: the ring's second and fourth edges cross. */
export const selfIntersectingZone = () =>
  userZone('abuse-bowtie', {
    geometry: polygon([
      [114.1, 22.3],
      [114.11, 22.31],
      [114.11, 22.3],
      [114.1, 22.31],
      [114.1, 22.3],
    ]),
  });

/** A closed ring of `n` vertices on a 2 km circle (valid, just enormous). */
export function manyVertexZone(n: number): ZoneInput {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    ring.push([Number((114.1 + 0.02 * Math.cos(a)).toFixed(7)), Number((22.3 + 0.018 * Math.sin(a)).toFixed(7))]);
  }
  ring.push(ring[0]);
  return userZone(`abuse-${n}-vertices`, { geometry: polygon(ring) });
}
