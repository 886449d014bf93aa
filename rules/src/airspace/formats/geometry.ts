import simplify from '@turf/simplify';
import {
  type CircleGeometry,
  LonLat,
  type MultiPolygonGeometry,
  type PolygonGeometry,
  type Sector,
  type ZoneGeometry,
} from '../../model/geo.js';
import type { Altitude } from '../../model/units.js';
import { zoneToDisplayPolygon } from '../display.js';
import { fail, parseAt, type ReadContext, warn } from './errors.js';

type Ring = [number, number][];

/** A [lon, lat] position; extra members (altitude) are ignored, swapped or out-of-range pairs rejected. */
export function readPosition(value: unknown, ctx: ReadContext, field: string): [number, number] {
  if (!Array.isArray(value) || value.length < 2) return fail(ctx, field, 'expected a position [lon, lat]');
  return parseAt(LonLat, value.slice(0, 2), ctx, field);
}

function readRing(value: unknown, ctx: ReadContext, field: string): Ring {
  if (!Array.isArray(value)) return fail(ctx, field, 'expected a linear ring (array of positions)');
  const ring = value.map((p, i) => readPosition(p, ctx, `${field}[${i}]`));
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
    warn(ctx, `${field}: ring was not closed; closed it`);
    ring.push([first[0], first[1]]);
  }
  if (ring.length < 4)
    return fail(ctx, field, `a polygon ring needs at least 4 positions (closed), got ${ring.length}`);
  return ring;
}

function readRings(value: unknown, ctx: ReadContext, field: string): Ring[] {
  if (!Array.isArray(value) || value.length === 0) return fail(ctx, field, 'expected an array of linear rings');
  return value.map((r, i) => readRing(r, ctx, `${field}[${i}]`));
}

const M_PER_DEG_LAT = 111_195;
const vertexCount = (polygons: readonly Ring[][]) =>
  polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

/** Douglas–Peucker simplification of one polygon's rings (turf keeps every ring closed with ≥ 4 positions). */
function simplifyRings(rings: Ring[], toleranceM: number): Ring[] {
  const out = simplify(
    { type: 'Polygon', coordinates: rings },
    { tolerance: toleranceM / M_PER_DEG_LAT, highQuality: false, mutate: false },
  );
  return out.coordinates.map((ring) => ring.map((p): [number, number] => [p[0], p[1]]));
}

/** Applies the `simplify` import option, with a warning saying how many vertices it removed. */
function simplified(polygons: Ring[][], ctx: ReadContext, field: string): Ring[][] {
  const toleranceM = ctx.simplifyM;
  if (toleranceM === undefined) return polygons;
  const out = polygons.map((p) => simplifyRings(p, toleranceM));
  const [before, after] = [vertexCount(polygons), vertexCount(out)];
  if (after < before) warn(ctx, `${field}: simplified from ${before} to ${after} vertices (tolerance ${toleranceM} m)`);
  return out;
}

/** A GeoJSON Polygon or MultiPolygon; any other type fails naming `<field>.type`. */
export function readPolygonal(
  geometry: { type?: unknown; coordinates?: unknown },
  ctx: ReadContext,
  field: string,
): PolygonGeometry | MultiPolygonGeometry {
  if (geometry.type === 'Polygon') {
    const [rings] = simplified([readRings(geometry.coordinates, ctx, `${field}.coordinates`)], ctx, field);
    return { type: 'Polygon', coordinates: rings };
  }
  if (geometry.type === 'MultiPolygon') {
    const polys = geometry.coordinates;
    if (!Array.isArray(polys) || polys.length === 0)
      return fail(ctx, `${field}.coordinates`, 'expected an array of polygons');
    const read = polys.map((p, i) => readRings(p, ctx, `${field}.coordinates[${i}]`));
    return { type: 'MultiPolygon', coordinates: simplified(read, ctx, field) };
  }
  return fail(
    ctx,
    `${field}.type`,
    `unsupported geometry type "${String(geometry.type)}" for a zone (expected Polygon or MultiPolygon)`,
  );
}

/** A circle from a centre and a radius in metres (rejecting a missing, zero, negative or infinite radius). */
export function makeCircle(
  center: [number, number],
  radius: unknown,
  ctx: ReadContext,
  radiusField: string,
  sectors?: Sector[],
): CircleGeometry {
  if (typeof radius !== 'number' || !Number.isFinite(radius) || radius <= 0) {
    return fail(ctx, radiusField, `radius must be a positive number of metres, got ${JSON.stringify(radius)}`);
  }
  return { type: 'Circle', center, radiusM: radius, ...(sectors ? { sectors } : {}) };
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
const roundRing = (ring: readonly (readonly number[])[]): Ring => ring.map((p) => [round7(p[0]), round7(p[1])]);

/** Coordinates rounded to 1e-7° (about 1 cm), so exports are tidy and re-exports identical. */
export function roundPolygonal(g: PolygonGeometry | MultiPolygonGeometry): PolygonGeometry | MultiPolygonGeometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(roundRing) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(roundRing)) };
}

export function roundPosition(p: readonly number[]): [number, number] {
  return [round7(p[0]), round7(p[1])];
}

/** Polygon form of any zone geometry (circles and sectors drawn with `segments` points per full turn). */
export function asPolygonal(g: ZoneGeometry, segments = 64): PolygonGeometry | MultiPolygonGeometry {
  return roundPolygonal(zoneToDisplayPolygon({ geometry: g }, segments));
}

/** One geometry with its vertical limits (an ED-318 layer or an ED-269 airspace volume). */
export interface Volume {
  geometry: ZoneGeometry;
  lower: Altitude;
  upper: Altitude | null;
}

/**
 * Merges volumes with identical limits: polygons into one MultiPolygon; circles stay separate volumes
 * (a zone has one geometry). The caller makes one zone per resulting volume.
 */
export function groupVolumes(volumes: readonly Volume[]): Volume[] {
  const out: Volume[] = [];
  const polygonal = new Map<string, Volume>();
  for (const v of volumes) {
    if (v.geometry.type === 'Circle') {
      out.push(v);
      continue;
    }
    const key = JSON.stringify([v.lower, v.upper]);
    const prev = polygonal.get(key);
    if (!prev) {
      const copy = { ...v };
      polygonal.set(key, copy);
      out.push(copy);
      continue;
    }
    const polys = (g: ZoneGeometry) =>
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    prev.geometry = { type: 'MultiPolygon', coordinates: [...polys(prev.geometry), ...polys(v.geometry)] };
  }
  return out;
}
