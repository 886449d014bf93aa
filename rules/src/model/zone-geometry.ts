import { lineIntersect } from '@turf/line-intersect';
import type { ApiIssue } from '../protocol/errors.js';
import type { CircleGeometry, ZoneGeometry } from './geo.js';
import { type Altitude, lengthToMetres } from './units.js';

/**
 * Limits and checks on zone geometry beyond the shape of the data (geo.ts): what the spatial index and the
 * containment tests assume. Each check reports a zod-style path inside the zone and a reason.
 */

/** Largest circle radius accepted: far beyond any Hong Kong zone (the largest is the 5 km airport circle). */
export const MAX_CIRCLE_RADIUS_M = 100_000;

/**
 * Most vertices accepted in one polygon (all its rings). Containment cost grows with the vertex count of
 * every zone a point might be in; an 80,000-vertex polygon made each check inside it about 50× slower.
 */
export const MAX_POLYGON_VERTICES = 10_000;

export type GeometryIssue = ApiIssue;

type Position = readonly number[];
type Ring = readonly Position[];

const M_PER_DEG_LAT = 111_195;

const NOTHING = { type: 'FeatureCollection' as const, features: [] };

/**
 * Where the segments of these rings cross, segments sharing an end point excepted. turf's sweep-line
 * intersection (the algorithm behind lineIntersect), not @turf/kinks: kinks compares every segment pair,
 * 2.3 s for one 10,000-vertex ring against about 6 ms here.
 */
function crossings(rings: readonly Position[][]): number[][] {
  const polygon = { type: 'Polygon' as const, coordinates: rings.map((ring) => ring.map((p) => [p[0], p[1]])) };
  return lineIntersect(polygon, NOTHING, { ignoreSelfIntersections: false }).features.map(
    (f) => f.geometry.coordinates,
  );
}

/** Drops consecutive repeated positions (harmless; not counted as corners). */
function withoutRepeats(ring: Ring): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

/** Twice the signed planar area in degrees²: positive for counter-clockwise rings. */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += (ring[i - 1][0] - ring[i][0]) * (ring[i - 1][1] + ring[i][1]);
  return sum;
}

function circleIssues(g: CircleGeometry): GeometryIssue[] {
  if (g.radiusM > MAX_CIRCLE_RADIUS_M)
    return [
      {
        path: ['geometry', 'radiusM'],
        message: `radius ${g.radiusM} m is more than the ${MAX_CIRCLE_RADIUS_M} m allowed for a zone circle`,
      },
    ];
  const [lon, lat] = g.center;
  const dLat = g.radiusM / M_PER_DEG_LAT;
  const cosLat = Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180);
  if (Math.abs(lat) + dLat >= 90 || Math.abs(lon) + g.radiusM / (M_PER_DEG_LAT * cosLat) > 180)
    return [
      {
        path: ['geometry', 'center'],
        message: 'the circle crosses the antimeridian (±180°) or reaches a pole; zones must stay within -180°..180°',
      },
    ];
  return [];
}

/**
 * An edge whose longitudes jump by more than 180° was almost certainly meant to cross the antimeridian;
 * read as GeoJSON (straight in lon/lat) it spans the rest of the globe instead. An edge between two points
 * on ±180° itself (a whole-world box) is not a crossing.
 */
function crossesAntimeridian(lonA: number, lonB: number): boolean {
  return Math.abs(lonB - lonA) > 180 && !(Math.abs(lonA) === 180 && Math.abs(lonB) === 180);
}

/** Problems of one polygon (outer ring + holes) at `base` (the path of its ring array). */
function polygonIssues(rings: readonly Ring[], base: (string | number)[]): GeometryIssue[] {
  const vertices = rings.reduce((n, r) => n + r.length, 0);
  if (vertices > MAX_POLYGON_VERTICES)
    return [
      {
        path: base,
        message:
          `the polygon has ${vertices} vertices, more than the ${MAX_POLYGON_VERTICES} allowed; simplify it ` +
          '(zone import option `simplify`: a tolerance in metres, e.g. 5) or split it into several zones',
      },
    ];
  const issues: GeometryIssue[] = [];
  rings.forEach((ring, r) => {
    for (let i = 1; i < ring.length; i++)
      if (crossesAntimeridian(ring[i - 1][0], ring[i][0])) {
        issues.push({
          path: [...base, r, i],
          message:
            `the edge from longitude ${ring[i - 1][0]} to ${ring[i][0]} crosses the antimeridian (±180°); ` +
            'split the polygon at 180° into a MultiPolygon (RFC 7946 §3.1.9)',
        });
        return;
      }
  });
  if (issues.length) return issues;
  const cleaned = rings.map(withoutRepeats);
  cleaned.forEach((ring, r) => {
    if (ring.length < 4) {
      issues.push({ path: [...base, r], message: 'the ring has fewer than 3 distinct corners' });
      return;
    }
    const found = crossings([ring]);
    if (found.length)
      issues.push({ path: [...base, r], message: `the ring intersects itself at [${found[0].join(', ')}]` });
  });
  if (issues.length || cleaned.length < 2) return issues;
  const between = crossings(cleaned);
  if (between.length)
    issues.push({ path: base, message: `the polygon's rings cross each other at [${between[0].join(', ')}]` });
  return issues;
}

/**
 * Geometry problems of a zone: circle radius and antimeridian; polygon vertex limit, antimeridian
 * crossings (refused rather than silently inverted), self-intersecting rings and crossing rings (turf).
 */
export function zoneGeometryIssues(g: ZoneGeometry): GeometryIssue[] {
  if (g.type === 'Circle') return circleIssues(g);
  if (g.type === 'Polygon') return polygonIssues(g.coordinates, ['geometry', 'coordinates']);
  return g.coordinates.flatMap((p, i) => polygonIssues(p, ['geometry', 'coordinates', i]));
}

/** Lower must not be above upper when both use the same reference (AGL vs AMSL cannot be compared here). */
export function verticalIssues(lower: Altitude, upper: Altitude | null): GeometryIssue[] {
  if (!upper || upper.ref !== lower.ref) return [];
  const lo = lengthToMetres(lower);
  const hi = lengthToMetres(upper);
  if (lo <= hi) return [];
  return [
    {
      path: ['upper'],
      message: `the upper limit (${upper.value} ${upper.unit} ${upper.ref}) is below the lower limit (${lower.value} ${lower.unit} ${lower.ref})`,
    },
  ];
}

const orient = (ring: Ring, ccw: boolean): [number, number][] => {
  const copy = ring.map((p): [number, number] => [p[0], p[1]]);
  return signedArea2(copy) > 0 === ccw ? copy : copy.reverse();
};

/** RFC 7946 orientation: outer rings counter-clockwise, holes clockwise. Circles are returned as they are. */
export function normaliseRings<G extends ZoneGeometry>(g: G): G {
  const polygon = (rings: readonly Ring[]) => rings.map((ring, i) => orient(ring, i === 0));
  if (g.type === 'Polygon') return { ...g, coordinates: polygon(g.coordinates) };
  if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(polygon) };
  return g;
}
