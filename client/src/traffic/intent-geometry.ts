import type { OperationalIntent, Volume3D, Volume4D } from '@sua-sandbox/rules/traffic';
import { compileIntent, createPlane, findIntentConflicts } from '@sua-sandbox/rules/traffic';
import { centroid, featureCollection, intersect, polygon } from '@turf/turf';
import { circleRing, type LonLatPair } from './network-geometry.js';

/**
 * Operational intents as map features: each 4-D volume's footprint (its polygon, or its circle), shown only while
 * the chosen time is inside the volume's window; and the conflicts between the intents drawn, found with the
 * engine's own exact 4-D overlap test (rules/src/traffic/overlap.ts) in the server's plane.
 */
export interface Origin {
  originLon: number;
  originLat: number;
}

const ms = (t: { value: string }) => Date.parse(t.value);
export const windowOf = (v: Volume4D): [number, number] => [ms(v.time_start), ms(v.time_end)];
export const reservedAt = (v: Volume4D, tMs: number) => ms(v.time_start) <= tMs && tMs < ms(v.time_end);

export function footprint(origin: Origin, v: Volume3D): LonLatPair[] {
  if (v.outline_polygon) {
    const ring = v.outline_polygon.vertices.map((p): LonLatPair => [p.lng, p.lat]);
    return [...ring, ring[0]];
  }
  const c = v.outline_circle;
  if (!c) return [];
  return circleRing(createPlane(origin.originLon, origin.originLat), [c.center.lng, c.center.lat], c.radius.value);
}

/** The footprints of the volumes reserved at `tMs`, coloured by their intent's state (a feature property). */
export function intentFeatures(origin: Origin, intents: readonly OperationalIntent[], tMs: number) {
  const features: GeoJSON.Feature[] = [];
  for (const intent of intents) {
    const ref = intent.reference;
    if (ref.state === 'Ended') continue;
    intent.details.volumes.forEach((v, i) => {
      if (!reservedAt(v, tMs)) return;
      features.push({
        type: 'Feature',
        properties: { intentId: ref.id, operator: ref.operator, state: ref.state, volume: i },
        geometry: { type: 'Polygon', coordinates: [footprint(origin, v.volume)] },
      });
    });
  }
  return featureCollection(features);
}

export interface DrawnConflict {
  a: { intentId: string; operator: string };
  b: { intentId: string; operator: string };
  fromMs: number;
  toMs: number;
  /** [volume of a, volume of b] pairs that intersect in 4-D */
  volumes: [number, number][];
}

/** Every pair of drawn intents whose volumes intersect in 4-D (accepted over a lower priority, or contingent). */
export function conflictsAmong(origin: Origin, intents: readonly OperationalIntent[]): DrawnConflict[] {
  const plane = createPlane(origin.originLon, origin.originLat);
  const compiled = intents.filter((i) => i.reference.state !== 'Ended').map((i) => compileIntent(plane, i));
  const out: DrawnConflict[] = [];
  compiled.forEach((c, k) => {
    for (const hit of findIntentConflicts(c, compiled.slice(k + 1))) {
      out.push({
        a: { intentId: c.id, operator: c.operator },
        b: { intentId: hit.intentId, operator: hit.operator },
        fromMs: ms(hit.overlap.time_start),
        toMs: ms(hit.overlap.time_end),
        volumes: hit.volumes,
      });
    }
  });
  return out.sort((x, y) => x.fromMs - y.fromMs);
}

export interface ConflictArea {
  lon: number;
  lat: number;
  names: [string, string];
}

/** Where two footprints intersect, as a polygon (the volumes' common ground); null when they only meet in height. */
export function intersection(
  a: LonLatPair[],
  b: LonLatPair[],
): GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> | null {
  if (a.length < 4 || b.length < 4) return null;
  return intersect(featureCollection([polygon([a]), polygon([b])]));
}

/**
 * The intersecting volumes of the conflicts at `tMs`: both footprints and their intersection, each named by both
 * operators; and one label position per conflict.
 */
export function conflictFeatures(
  origin: Origin,
  intents: readonly OperationalIntent[],
  conflicts: readonly DrawnConflict[],
  tMs: number,
): { collection: GeoJSON.FeatureCollection; areas: ConflictArea[] } {
  const byId = new Map(intents.map((i) => [i.reference.id, i]));
  const features: GeoJSON.Feature[] = [];
  const areas: ConflictArea[] = [];
  for (const c of conflicts) {
    const ia = byId.get(c.a.intentId);
    const ib = byId.get(c.b.intentId);
    if (!ia || !ib) continue;
    const names: [string, string] = [c.a.operator, c.b.operator];
    let labelled = false;
    for (const [i, j] of c.volumes) {
      const va = ia.details.volumes[i];
      const vb = ib.details.volumes[j];
      if (!reservedAt(va, tMs) || !reservedAt(vb, tMs)) continue;
      const fa = footprint(origin, va.volume);
      const fb = footprint(origin, vb.volume);
      const props = { a: names[0], b: names[1] };
      for (const ring of [fa, fb])
        features.push({
          type: 'Feature',
          properties: { ...props, kind: 'volume' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        });
      const common = intersection(fa, fb);
      if (!common) continue;
      features.push({ ...common, properties: { ...props, kind: 'intersection' } });
      if (!labelled) {
        const [lon, lat] = centroid(common).geometry.coordinates;
        areas.push({ lon, lat, names });
        labelled = true;
      }
    }
  }
  return { collection: featureCollection(features), areas };
}
