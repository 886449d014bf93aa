import { NaiveZoneIndex } from '../airspace/index.js';
import { compileTiming, nextTimingChange } from '../airspace/timing.js';
import type { ElevationModel, ZoneIndex } from '../airspace/types.js';
import { distanceMargin, type Margin, narrowMargin, sideAlong } from '../kinds/types.js';
import { quantityParam, renderBoth } from '../messages/index.js';
import type {
  Aircraft,
  Altitude,
  Category,
  CorridorArea,
  LocalizedText,
  LonLat,
  MultiPolygonGeometry,
  Permission,
  PermissionTrigger,
  PolygonGeometry,
  Zone,
} from '../model/index.js';
import { HK_UTC_OFFSET, lengthToMetres, massToKg, speedToKmh } from '../model/index.js';
import { pointToPolylineM, pointToSegmentM, verticalSide } from './geo.js';

export interface PointInTime {
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
}

/** A declared permission ready for per-sample questions. */
export interface PreparedPermission {
  permission: Permission;
  /** Why the aircraft is outside the permission's aircraft envelope (empty when inside). */
  aircraftProblems: LocalizedText[];
  covers(t: PermissionTrigger): boolean;
  /** null when the point is inside area, altitude band and validity; otherwise what it is outside of. */
  outside(p: PointInTime): LocalizedText | null;
  /**
   * For adaptive sampling: does `outside` give the same answer all along the straight stretch from a to b
   * (`lengthM` apart; `linearHeights` when altitudes change linearly), sampled at the instants `times`?
   */
  steady(a: PointInTime, b: PointInTime, lengthM: number, linearHeights: boolean, times: ArrayLike<number>): boolean;
  /**
   * For live monitoring: narrow `into` to how far the point may move before `outside` or a per-point
   * condition (maximum height, speed) could answer differently (see the kinds' Margin).
   */
  margin(p: LivePoint, into: Margin): void;
}

/** A point of a live flight, with what the per-point conditions measure. */
export interface LivePoint extends PointInTime {
  aglM: number;
  groundSpeedKmh: number;
}

const DEEP = { value: -100_000, unit: 'm' as const, ref: 'AMSL' as const };

function bboxPolygon(line: readonly LonLat[], padM: number): PolygonGeometry {
  const pad = padM / 111_000 + 0.001;
  const lons = line.map((p) => p[0]);
  const lats = line.map((p) => p[1]);
  const padLon = pad / Math.max(0.2, Math.cos((lats[0] * Math.PI) / 180));
  const [w, e] = [Math.min(...lons) - padLon, Math.max(...lons) + padLon];
  const [s, n] = [Math.min(...lats) - pad, Math.max(...lats) + pad];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/** The permission as a zone, so area, altitude band and time go through the one airspace index code. */
function asZone(p: Permission, flat: boolean): Zone {
  const geometry = p.area.type === 'Corridor' ? bboxPolygon(p.area.line, p.area.halfWidthM) : p.area;
  return {
    id: `permission:${p.id}`,
    name: p.title,
    class: 'sandbox-corridor',
    effect: 'sandbox-corridor',
    geometry,
    lower: flat ? DEEP : p.altitudeBand.lower,
    upper: flat ? null : p.altitudeBand.upper,
    timing: flat ? undefined : { windows: p.validity, daily: p.daily, utcOffset: HK_UTC_OFFSET },
    appliesTo: 'SUA',
    provenance: p.provenance,
  };
}

interface PermissionIndexes {
  /** The area alone (any height, any time). */
  area: ZoneIndex;
  /** Area, altitude band and validity. */
  band: ZoneIndex;
}

/** Built once per permission object and ground model: known permissions are shared by every plan. */
const indexCache = new WeakMap<ElevationModel, WeakMap<Permission, PermissionIndexes>>();

function indexesOf(p: Permission, elevation: ElevationModel): PermissionIndexes {
  let byPermission = indexCache.get(elevation);
  if (!byPermission) {
    byPermission = new WeakMap();
    indexCache.set(elevation, byPermission);
  }
  let ix = byPermission.get(p);
  if (!ix) {
    // One zone per index: the reference index answers as the grid index does, without building a grid.
    ix = {
      area: new NaiveZoneIndex([asZone(p, true)], { elevation, version: 'permission-area' }),
      band: new NaiveZoneIndex([asZone(p, false)], { elevation, version: 'permission-band' }),
    };
    byPermission.set(p, ix);
  }
  return ix;
}

/** Horizontal distance from a point (inside or outside) to the nearest edge of a polygon area, metres. */
function polygonEdgeM(area: PolygonGeometry | MultiPolygonGeometry, lon: number, lat: number): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++)
        best = Math.min(best, pointToSegmentM(lon, lat, ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]));
  return best;
}

/** How far a height in metres (AGL or AMSL as `limit` says) is from `limit`, metres. */
function heightMargin(p: LivePoint, limit: Altitude): number {
  return Math.abs((limit.ref === 'AGL' ? p.aglM : p.altAmslM) - lengthToMetres(limit));
}

function aircraftProblems(p: Permission, aircraft: Aircraft, category: Category | 'out-of-scope'): LocalizedText[] {
  const out: LocalizedText[] = [];
  const env = p.aircraft;
  if (massToKg(aircraft.mass) > massToKg(env.maxMass) + 1e-9)
    out.push(renderBoth('permission-aircraft.mass', { mass: quantityParam(env.maxMass) }));
  if (env.categories && (category === 'out-of-scope' || !env.categories.includes(category)))
    out.push(renderBoth('permission-aircraft.category', { category }));
  if (env.models && !env.models.includes(aircraft.model ?? ''))
    out.push(renderBoth('permission-aircraft.model', { model: aircraft.model ?? '' }));
  return out;
}

/**
 * Is the whole straight stretch a→b inside the corridor? The distance to one segment of the centre line is
 * convex along a straight line, so both ends well inside one segment's buffer keep the stretch inside it
 * (the margin covers the local projections and the curvature of a lon/lat-straight line).
 */
function withinCorridorAlong(corridor: CorridorArea, a: PointInTime, b: PointInTime, lengthM: number): boolean {
  const line = corridor.line;
  for (let i = 1; i < line.length; i++) {
    const [p0, p1] = [line[i - 1], line[i]];
    const da = pointToSegmentM(a.lon, a.lat, p0[0], p0[1], p1[0], p1[1]);
    const db = pointToSegmentM(b.lon, b.lat, p0[0], p0[1], p1[0], p1[1]);
    const d = Math.max(da, db);
    if (d + 1 + 0.002 * (d + lengthM) + (lengthM * lengthM) / 1e6 < corridor.halfWidthM) return true;
  }
  return false;
}

function prepare(
  permission: Permission,
  aircraft: Aircraft,
  category: Category | 'out-of-scope',
  elevation: ElevationModel,
): PreparedPermission {
  const { area, band } = indexesOf(permission, elevation);
  const corridor = permission.area.type === 'Corridor' ? permission.area : undefined;
  const out = new Int32Array(1);
  const inArea = (q: PointInTime): boolean => {
    if (corridor) return pointToPolylineM(q.lon, q.lat, corridor.line) <= corridor.halfWidthM + 1e-6;
    return area.pointQuery(q.lon, q.lat, q.altAmslM, q.tMs, out) > 0;
  };
  const timed = permission.validity.length > 0 || (permission.daily?.length ?? 0) > 0;
  const timing = compileTiming({ windows: permission.validity, daily: permission.daily, utcOffset: HK_UTC_OFFSET });
  const { lower, upper } = permission.altitudeBand;
  return {
    permission,
    aircraftProblems: aircraftProblems(permission, aircraft, category),
    covers: (t) => permission.covers.includes(t),
    outside(q) {
      if (!inArea(q)) return renderBoth(corridor ? 'permission-outside.corridor' : 'permission-outside.area');
      if (!band.verticalContains(0, q.lon, q.lat, q.altAmslM)) return renderBoth('permission-outside.altitude-band');
      if (!band.isActive(0, q.tMs)) return renderBoth('permission-outside.times');
      return null;
    },
    steady(a, b, lengthM, linearHeights, times) {
      const moved = a.lon !== b.lon || a.lat !== b.lat;
      if (moved) {
        if (corridor) {
          if (!withinCorridorAlong(corridor, a, b, lengthM)) {
            const side = (q: PointInTime) =>
              sideAlong(pointToPolylineM(q.lon, q.lat, corridor.line), lengthM, corridor.halfWidthM);
            if (side(a) !== 'above' || side(b) !== 'above') return false;
          }
        } else {
          // Wholly inside or wholly outside the area between a and b.
          const c = area.legCrossings(a.lon, a.lat, b.lon, b.lat);
          if (c.length > 1 || (c.length === 1 && (c[0].enter !== 0 || c[0].exit !== 1))) return false;
        }
      }
      if (a.altAmslM !== b.altAmslM || moved) {
        if (!linearHeights) return false;
        if (verticalSide(a.altAmslM, lower, upper) !== verticalSide(b.altAmslM, lower, upper)) return false;
      }
      if (timed) {
        const first = band.isActive(0, times[0]);
        for (let k = 1; k < times.length; k++) if (band.isActive(0, times[k]) !== first) return false;
      }
      return true;
    },
    margin(q, into) {
      const m: Margin = {
        heightM: Infinity,
        speedKmh: Infinity,
        distanceM: Infinity,
        untilMs: nextTimingChange(timing, q.tMs),
      };
      const a = permission.area;
      const edgeM =
        a.type === 'Corridor'
          ? Math.abs(pointToPolylineM(q.lon, q.lat, a.line) - a.halfWidthM)
          : polygonEdgeM(a, q.lon, q.lat);
      m.distanceM = distanceMargin(edgeM, 0);
      m.heightM = Math.min(heightMargin(q, lower), upper ? heightMargin(q, upper) : Infinity);
      const c = permission.conditions;
      if (c.maxHeight) m.heightM = Math.min(m.heightM, heightMargin(q, c.maxHeight));
      if (c.maxSpeed) m.speedKmh = Math.abs(q.groundSpeedKmh - speedToKmh(c.maxSpeed));
      narrowMargin(into, m);
    },
  };
}

export function preparePermissions(
  permissions: readonly Permission[],
  aircraft: Aircraft,
  category: Category | 'out-of-scope',
  elevation: ElevationModel,
): PreparedPermission[] {
  return permissions.map((p) => prepare(p, aircraft, category, elevation));
}

/** Resolve the plan's declared permissions (ids or inline objects) against the known ones. */
export function resolveDeclared(
  declared: readonly (string | Permission)[],
  known: readonly Permission[],
): { permissions: Permission[]; unknown: string[] } {
  const permissions: Permission[] = [];
  const unknown: string[] = [];
  for (const d of declared) {
    if (typeof d !== 'string') permissions.push(d);
    else {
      const p = known.find((k) => k.id === d);
      if (p) permissions.push(p);
      else unknown.push(d);
    }
  }
  return { permissions, unknown };
}
