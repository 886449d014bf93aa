import type { Speed } from '../model/units.js';
import { checkLonLat, fillLegSpeeds, finishRoute, isRecord, parseJsonText, toNumber } from './common.js';
import { PlanImportError } from './errors.js';
import { summarise, unifyAltitudes } from './qgc-altitudes.js';
import { readQgcFence } from './qgc-fence.js';
import { type WalkState, walkItem } from './qgc-items.js';
import type { ImportEnvironment, ImportedHome, ImportedRoute, ResolvedImportOptions } from './types.js';

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

/** QGroundControl `.plan`: positional mission items become waypoints; see README for what is ignored. */
export function importQgc(text: string, opts: ResolvedImportOptions, env: ImportEnvironment = {}): ImportedRoute {
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

  const { altitudeRef, values, conversions } = unifyAltitudes(points, home, env.ground, warnings);
  const perLeg = points
    .slice(1)
    .map((p): Speed | undefined => (p.speedInMps === undefined ? undefined : { value: p.speedInMps, unit: 'm/s' }));
  const legSpeeds = fillLegSpeeds(perLeg, opts, warnings, { format: FORMAT, item: 'mission', field: speed.field });
  const draft = {
    coordinates: points.map((p, i): [number, number, number] => [p.lon, p.lat, values[i]]),
    altitudeRef,
    legSpeeds,
    hoverS: points.map((p) => p.hoverS),
    altitudeConversions: conversions,
  };
  const route = finishRoute(FORMAT, draft, (i) => points[i]?.item ?? 'mission.items');
  const rally = isRecord(data.rallyPoints) && Array.isArray(data.rallyPoints.points) ? data.rallyPoints.points : [];
  if (rally.length) warnings.push(`${rally.length} rally points ignored`);
  const fence = readQgcFence(data.geoFence, warnings);
  return { route, warnings, format: FORMAT, ...(fence ? { fence } : {}), ...(home ? { home } : {}) };
}
