import type { AltitudeRef, Speed } from '../model/units.js';
import { checkLonLat, fillLegSpeeds, finishRoute, isRecord, parseJsonText, toNumber } from './common.js';
import { PlanImportError } from './errors.js';
import { readQgcFence } from './qgc-fence.js';
import { type AltKind, type QgcPoint, type WalkState, walkItem } from './qgc-items.js';
import type { ImportedHome, ImportedRoute, ResolvedImportOptions } from './types.js';

const FORMAT = 'qgc';
const FIXED_WING = 1;
const VTOL_TYPES = new Set([19, 20, 21, 22, 23, 24, 25]);

function readHome(mission: Record<string, unknown>): ImportedHome | undefined {
  const raw = mission.plannedHomePosition;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length < 2)
    throw new PlanImportError(FORMAT, 'mission', 'plannedHomePosition', 'must be [lat, lon, alt AMSL]');
  const [lon, lat] = checkLonLat(toNumber(raw[1]), toNumber(raw[0]), FORMAT, 'mission', {
    lat: 'plannedHomePosition[0]',
    lon: 'plannedHomePosition[1]',
  });
  const alt = toNumber(raw[2]);
  return alt === undefined || Number.isNaN(alt) ? { lon, lat } : { lon, lat, altAmslM: alt };
}

/** Fixed-wing and VTOL plans fly at cruiseSpeed, rotorcraft at hoverSpeed (as QGC estimates mission time). */
function fileSpeed(mission: Record<string, unknown>): { mps: number | undefined; field: string } {
  const cruise = VTOL_TYPES.has(mission.vehicleType as number) || mission.vehicleType === FIXED_WING;
  const field = cruise ? 'cruiseSpeed' : 'hoverSpeed';
  const value = toNumber(mission[field]);
  if (value !== undefined && !Number.isNaN(value) && value <= 0) return { mps: undefined, field };
  if (value !== undefined && Number.isNaN(value))
    throw new PlanImportError(FORMAT, 'mission', field, 'must be a speed in m/s');
  return { mps: value, field };
}

function summarise(items: string[]): string {
  return items.length <= 4 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}

/**
 * One altitude reference for the whole route. With any AMSL item the route is AMSL: relative-to-launch heights
 * are added to the home altitude, and terrain heights too (flat ground at home level — no terrain model here).
 * Otherwise it is AGL, taking the launch point to be at ground level.
 */
function unifyAltitudes(points: QgcPoint[], home: ImportedHome | undefined, warnings: string[]) {
  const of = (kind: AltKind) => points.filter((p) => p.kind === kind).map((p) => p.item);
  const relative = [...new Set(of('relative'))];
  const terrain = [...new Set(of('terrain'))];
  const amsl = of('amsl');
  if (amsl.length === 0) {
    if (relative.length)
      warnings.push(
        `relative-to-launch altitudes (${summarise(relative)}) read as AGL, assuming the launch point is at ground level`,
      );
    if (terrain.length) warnings.push(`terrain-following altitudes (${summarise(terrain)}) read as AGL`);
    return { altitudeRef: 'AGL' as AltitudeRef, values: points.map((p) => p.alt) };
  }
  const homeAlt = home?.altAmslM;
  if ((relative.length || terrain.length) && homeAlt === undefined)
    throw new PlanImportError(
      FORMAT,
      'mission',
      'plannedHomePosition[2]',
      `the plan mixes AMSL items (${summarise(amsl)}) with relative ones and has no home altitude to convert them`,
    );
  if (relative.length)
    warnings.push(
      `relative-to-launch altitudes (${summarise(relative)}) converted to AMSL by adding the planned home altitude ${homeAlt} m, because the plan also has AMSL items (${summarise(amsl)})`,
    );
  if (terrain.length)
    warnings.push(
      `terrain-following altitudes (${summarise(terrain)}) converted to AMSL assuming level ground at the home altitude ${homeAlt} m; check them against a terrain model`,
    );
  return {
    altitudeRef: 'AMSL' as AltitudeRef,
    values: points.map((p) => (p.kind === 'amsl' ? p.alt : p.alt + (homeAlt as number))),
  };
}

/** QGroundControl `.plan`: positional mission items become waypoints; see README for what is ignored. */
export function importQgc(text: string, opts: ResolvedImportOptions): ImportedRoute {
  const data = parseJsonText(text, FORMAT);
  if (!isRecord(data)) throw new PlanImportError(FORMAT, '(document)', undefined, 'not a JSON object');
  if (data.fileType !== 'Plan')
    throw new PlanImportError(FORMAT, '(document)', 'fileType', `"${String(data.fileType)}" is not "Plan"`);
  const mission = data.mission;
  if (!isRecord(mission)) throw new PlanImportError(FORMAT, '(document)', 'mission', 'missing or not an object');
  if (!Array.isArray(mission.items)) throw new PlanImportError(FORMAT, 'mission', 'items', 'missing or not an array');

  const warnings: string[] = [];
  const home = readHome(mission);
  const speed = fileSpeed(mission);
  const state: WalkState = {
    warnings,
    home,
    globalMode: typeof mission.globalPlanAltitudeMode === 'number' ? mission.globalPlanAltitudeMode : undefined,
    defaultSpeedMps: speed.mps,
    speedMps: speed.mps,
    points: [],
    ignored: [],
  };
  for (const [i, item] of mission.items.entries()) walkItem(item, `mission.items[${i}]`, state);
  if (state.ignored.length) warnings.push(`non-positional items ignored: ${summarise(state.ignored)}`);
  const { points } = state;
  if (points.length === 0)
    throw new PlanImportError(FORMAT, 'mission', 'items', 'no positional items (waypoint, takeoff, land, loiter)');

  const { altitudeRef, values } = unifyAltitudes(points, home, warnings);
  const perLeg = points
    .slice(1)
    .map((p): Speed | undefined => (p.speedInMps === undefined ? undefined : { value: p.speedInMps, unit: 'm/s' }));
  const legSpeeds = fillLegSpeeds(perLeg, opts, warnings, { format: FORMAT, item: 'mission', field: speed.field });
  const draft = {
    coordinates: points.map((p, i): [number, number, number] => [p.lon, p.lat, values[i]]),
    altitudeRef,
    legSpeeds,
    hoverS: points.map((p) => p.hoverS),
  };
  const route = finishRoute(FORMAT, draft, (i) => points[i]?.item ?? 'mission.items');
  const rally = isRecord(data.rallyPoints) && Array.isArray(data.rallyPoints.points) ? data.rallyPoints.points : [];
  if (rally.length) warnings.push(`${rally.length} rally points ignored`);
  const fence = readQgcFence(data.geoFence, warnings);
  return { route, warnings, format: FORMAT, ...(fence ? { fence } : {}), ...(home ? { home } : {}) };
}
