import { buildZoneIndex } from '../airspace/index.js';
import type { ElevationModel } from '../airspace/types.js';
import type {
  Aircraft,
  Category,
  LocalizedText,
  LonLat,
  Permission,
  PolygonGeometry,
  Trigger,
  Zone,
} from '../model/index.js';
import { HK_UTC_OFFSET, massToKg } from '../model/index.js';
import { SMALL_GRID } from './airspace-view.js';
import { pointToPolylineM } from './geo.js';

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
  covers(t: Trigger): boolean;
  /** null when the point is inside area, altitude band and validity; otherwise what it is outside of. */
  outside(p: PointInTime): LocalizedText | null;
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

const txt = (en: string, zh: string): LocalizedText => ({ en, zh });

function aircraftProblems(p: Permission, aircraft: Aircraft, category: Category | 'out-of-scope'): LocalizedText[] {
  const out: LocalizedText[] = [];
  const env = p.aircraft;
  if (massToKg(aircraft.mass) > massToKg(env.maxMass) + 1e-9)
    out.push(
      txt(`mass above ${env.maxMass.value} ${env.maxMass.unit}`, `重量超過 ${env.maxMass.value} ${env.maxMass.unit}`),
    );
  if (env.categories && (category === 'out-of-scope' || !env.categories.includes(category)))
    out.push(txt(`category ${category} not permitted`, `不准許 ${category} 類`));
  if (env.models && !env.models.includes(aircraft.model ?? ''))
    out.push(txt(`model "${aircraft.model ?? ''}" not permitted`, `不准許型號「${aircraft.model ?? ''}」`));
  return out;
}

export function preparePermissions(
  permissions: readonly Permission[],
  aircraft: Aircraft,
  category: Category | 'out-of-scope',
  elevation: ElevationModel,
): PreparedPermission[] {
  if (permissions.length === 0) return [];
  const area = buildZoneIndex(
    permissions.map((p) => asZone(p, true)),
    { elevation, version: 'permission-areas', gridCells: SMALL_GRID },
  );
  const band = buildZoneIndex(
    permissions.map((p) => asZone(p, false)),
    { elevation, version: 'permission-bands', gridCells: SMALL_GRID },
  );
  const out = new Int32Array(permissions.length);
  return permissions.map((permission, i) => {
    const inArea = (q: PointInTime): boolean => {
      const a = permission.area;
      if (a.type === 'Corridor') return pointToPolylineM(q.lon, q.lat, a.line) <= a.halfWidthM + 1e-6;
      const n = area.pointQuery(q.lon, q.lat, q.altAmslM, q.tMs, out);
      for (let k = 0; k < n; k++) if (out[k] === i) return true;
      return false;
    };
    return {
      permission,
      aircraftProblems: aircraftProblems(permission, aircraft, category),
      covers: (t) => permission.covers.includes(t),
      outside(q) {
        if (!inArea(q))
          return txt(
            permission.area.type === 'Corridor' ? 'outside the corridor' : 'outside the permitted area',
            permission.area.type === 'Corridor' ? '走廊範圍以外' : '許可範圍以外',
          );
        if (!band.verticalContains(i, q.lon, q.lat, q.altAmslM))
          return txt('outside the permitted altitude band', '許可高度範圍以外');
        if (!band.isActive(i, q.tMs)) return txt('outside the permitted times', '許可時段以外');
        return null;
      },
    };
  });
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
