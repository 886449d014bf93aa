import { checkLonLat, isRecord, toNumber } from './common.js';
import { PlanImportError } from './errors.js';
import type { ImportedHome } from './types.js';

const FORMAT = 'qgc';

/** MAVLink MAV_CMD values the importer understands. */
export const MavCmd = {
  NAV_WAYPOINT: 16,
  NAV_LOITER_UNLIM: 17,
  NAV_LOITER_TURNS: 18,
  NAV_LOITER_TIME: 19,
  NAV_RETURN_TO_LAUNCH: 20,
  NAV_LAND: 21,
  NAV_TAKEOFF: 22,
  NAV_LOITER_TO_ALT: 31,
  NAV_SPLINE_WAYPOINT: 82,
  NAV_VTOL_TAKEOFF: 84,
  NAV_VTOL_LAND: 85,
  DO_JUMP: 177,
  DO_CHANGE_SPEED: 178,
} as const;

const POSITIONAL = new Set<number>([16, 17, 18, 19, 21, 22, 31, 82, 84, 85]);
const TAKEOFFS = new Set<number>([MavCmd.NAV_TAKEOFF, MavCmd.NAV_VTOL_TAKEOFF]);
const LANDINGS = new Set<number>([MavCmd.NAV_LAND, MavCmd.NAV_VTOL_LAND]);
const CAMERA_TARGETS = new Set<number>([195, 201]);

/** How a waypoint's altitude is referenced before the plan is brought to one reference. */
export type AltKind = 'relative' | 'amsl' | 'terrain';

export interface QgcPoint {
  item: string;
  lon: number;
  lat: number;
  alt: number;
  kind: AltKind;
  hoverS: number;
  /** ground speed (m/s) in force on the leg that arrives here; undefined when the plan never set one */
  speedInMps: number | undefined;
}

export interface WalkState {
  warnings: string[];
  home: ImportedHome | undefined;
  globalMode: number | undefined;
  defaultSpeedMps: number | undefined;
  speedMps: number | undefined;
  points: QgcPoint[];
  ignored: string[];
}

/** QGC AltitudeMode: 1 relative to launch, 2 AMSL, 3 calculated above terrain, 4 terrain frame. */
function altitudeMode(raw: Record<string, unknown>, item: string, state: WalkState): number {
  if (raw.AltitudeMode !== undefined) {
    const mode = raw.AltitudeMode;
    if (mode === 1 || mode === 2 || mode === 3 || mode === 4) return mode;
    throw new PlanImportError(FORMAT, item, 'AltitudeMode', `${String(mode)} is not 1, 2, 3 or 4`);
  }
  const frame = raw.frame;
  if (frame === 0 || frame === 5) return 2;
  if (frame === 3 || frame === 6) return 1;
  if (frame === 10 || frame === 11) return 4;
  if (frame === undefined && state.globalMode !== undefined && state.globalMode >= 1 && state.globalMode <= 4)
    return state.globalMode;
  throw new PlanImportError(FORMAT, item, 'frame', `frame ${String(frame)} is not a global frame (0, 3, 10)`);
}

function readAltitude(raw: Record<string, unknown>, params: unknown[], item: string, state: WalkState) {
  const mode = altitudeMode(raw, item, state);
  const param = toNumber(params[6]);
  const stated = toNumber(raw.Altitude);
  if (Number.isNaN(param ?? 0)) throw new PlanImportError(FORMAT, item, 'params[6]', 'altitude is not a number');
  if (mode === 3) {
    // QGC keeps the height above terrain in Altitude and, when it knew the terrain, the AMSL result in params[6].
    if (stated !== undefined && !Number.isNaN(stated)) return { alt: stated, kind: 'terrain' as const };
    if (param !== undefined) return { alt: param, kind: 'amsl' as const };
  } else {
    const alt = param ?? stated;
    if (alt !== undefined && !Number.isNaN(alt))
      return { alt, kind: mode === 1 ? ('relative' as const) : mode === 2 ? ('amsl' as const) : ('terrain' as const) };
  }
  throw new PlanImportError(FORMAT, item, 'params[6]', 'altitude missing (params[6] is null and there is no Altitude)');
}

function readPosition(command: number, params: unknown[], item: string, state: WalkState): [number, number] {
  const lat = params[4];
  const lon = params[5];
  const unset = (lat === null || lat === undefined || lat === 0) && (lon === null || lon === undefined || lon === 0);
  if (unset && TAKEOFFS.has(command) && state.home) {
    state.warnings.push(`${item}: takeoff has no position; the planned home position was used`);
    return [state.home.lon, state.home.lat];
  }
  const previous = state.points.at(-1);
  if (unset && LANDINGS.has(command) && previous) {
    state.warnings.push(`${item}: land has no position; it lands where the previous waypoint is`);
    return [previous.lon, previous.lat];
  }
  return checkLonLat(toNumber(lon), toNumber(lat), FORMAT, item, { lat: 'params[4]', lon: 'params[5]' });
}

function hoverFor(command: number, params: unknown[], item: string, state: WalkState): number {
  const p1 = toNumber(params[0]) ?? 0;
  if (command === MavCmd.NAV_LOITER_UNLIM) state.warnings.push(`${item}: unlimited loiter; no hover time was counted`);
  if (command === MavCmd.NAV_LOITER_TURNS)
    state.warnings.push(`${item}: loiter turns are not modelled; the aircraft passes the point`);
  if (command === MavCmd.NAV_WAYPOINT || command === MavCmd.NAV_LOITER_TIME || command === MavCmd.NAV_SPLINE_WAYPOINT) {
    if (Number.isNaN(p1) || p1 < 0)
      throw new PlanImportError(FORMAT, item, 'params[0]', 'hold time must be ≥ 0 seconds');
    return p1;
  }
  return 0;
}

function changeSpeed(params: unknown[], item: string, state: WalkState): void {
  const type = toNumber(params[0]);
  const speed = toNumber(params[1]);
  if (type === 2 || type === 3) {
    state.warnings.push(`${item}: climb/descent speed change ignored`);
    return;
  }
  if (speed === undefined || Number.isNaN(speed))
    throw new PlanImportError(FORMAT, item, 'params[1]', 'speed is not a number');
  if (speed > 0) {
    state.speedMps = speed;
    if (type === 0) state.warnings.push(`${item}: airspeed ${speed} m/s taken as ground speed (no wind)`);
  } else if (speed === -2) state.speedMps = state.defaultSpeedMps;
}

function returnToLaunch(item: string, state: WalkState): void {
  const last = state.points.at(-1);
  if (!state.home || !last)
    throw new PlanImportError(
      FORMAT,
      item,
      undefined,
      'return to launch needs a plannedHomePosition and an earlier waypoint',
    );
  state.warnings.push(
    `${item}: return to launch flown at the previous altitude (RTL altitude is a vehicle parameter), then landing at home`,
  );
  const base = { item, lon: state.home.lon, lat: state.home.lat, hoverS: 0, speedInMps: state.speedMps };
  state.points.push({ ...base, alt: last.alt, kind: last.kind }, { ...base, alt: 0, kind: 'relative' });
}

function walkComplex(raw: Record<string, unknown>, item: string, state: WalkState): void {
  const kind = String(raw.complexItemType ?? 'unknown');
  const transect = raw.TransectStyleComplexItem;
  const generated = isRecord(transect) && Array.isArray(transect.Items) ? transect.Items : [];
  if (generated.length === 0) {
    state.warnings.push(`${item}: complex item "${kind}" has no generated mission items; skipped`);
    return;
  }
  state.warnings.push(`${item}: complex item "${kind}" imported from its ${generated.length} generated mission items`);
  for (const [j, sub] of generated.entries()) walkItem(sub, `${item}.TransectStyleComplexItem.Items[${j}]`, state);
}

/** Adds the waypoints one mission item contributes, or records why it contributes none. */
export function walkItem(raw: unknown, item: string, state: WalkState): void {
  if (!isRecord(raw)) throw new PlanImportError(FORMAT, item, undefined, 'a mission item must be an object');
  if (raw.type === 'ComplexItem') {
    walkComplex(raw, item, state);
    return;
  }
  if (raw.type !== 'SimpleItem')
    throw new PlanImportError(FORMAT, item, 'type', `unknown item type "${String(raw.type)}"`);
  const command = raw.command;
  if (typeof command !== 'number' || !Number.isInteger(command))
    throw new PlanImportError(FORMAT, item, 'command', 'must be a MAVLink command number');
  const params = raw.params;
  const needsParams = POSITIONAL.has(command) || command === MavCmd.DO_CHANGE_SPEED;
  if (needsParams && (!Array.isArray(params) || params.length !== 7))
    throw new PlanImportError(FORMAT, item, 'params', 'must be an array of 7 values [p1 … p7]');
  const p = (params ?? []) as unknown[];
  if (command === MavCmd.DO_CHANGE_SPEED) {
    changeSpeed(p, item, state);
    return;
  }
  if (command === MavCmd.NAV_RETURN_TO_LAUNCH) {
    returnToLaunch(item, state);
    return;
  }
  if (command === MavCmd.DO_JUMP) state.warnings.push(`${item}: DO_JUMP not expanded; the route is flown once`);
  if (!POSITIONAL.has(command)) {
    state.ignored.push(`${item} (command ${command}${CAMERA_TARGETS.has(command) ? ', camera target' : ''})`);
    return;
  }
  const [lon, lat] = readPosition(command, p, item, state);
  const { alt, kind } = readAltitude(raw, p, item, state);
  const hoverS = hoverFor(command, p, item, state);
  state.points.push({ item, lon, lat, alt, kind, hoverS, speedInMps: state.speedMps });
}
