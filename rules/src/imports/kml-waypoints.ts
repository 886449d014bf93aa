import type { AltitudeConversion } from '../model/plan.js';
import type { AltitudeRef, Speed } from '../model/units.js';
import {
  checkLonLat,
  conversion,
  defaultAltitudeM,
  fillLegSpeeds,
  type RouteDraft,
  roundM,
  toNumber,
} from './common.js';
import { PlanImportError } from './errors.js';
import {
  extendedData,
  extendedNumber,
  type KmlFormat,
  kmlAltitudeMode,
  type PlacemarkInfo,
  parseCoordinates,
} from './kml-common.js';
import type { ImportEnvironment, ResolvedImportOptions } from './types.js';
import { child, childText, findAll, findFirst, type XmlElement } from './xml.js';

const SPEED_KEYS = ['speed', 'speedms', 'waypointspeed'];
const HOVER_KEYS = ['hovers', 'hover', 'hovertime', 'staytime'];
const ALTITUDE_KEYS = ['altitude', 'height'];
const WPML_MARKERS = ['index', 'executeHeight', 'height', 'waypointSpeed'];

/** Does this Point placemark carry waypoint settings (DJI WPML members, or any ExtendedData as Litchi-style files do)? */
export function isWaypointPlacemark(p: PlacemarkInfo): boolean {
  return WPML_MARKERS.some((m) => child(p.el, m)) || extendedData(p.el).size > 0;
}

/** How one waypoint's height is referenced: AGL, AMSL, or relative to the start (launch) point. */
type WaypointRef = AltitudeRef | 'launch';

/** How a waypoint's height was read, for the report: a conversion code and what it concerns. */
type How = { code: AltitudeConversion['code']; items: string };

/** DJI WPML height modes: executeHeightMode (waylines.wpml) or heightMode (template.kml). */
function wpmlRef(mode: string | undefined, field: string, format: KmlFormat, item: string): [WaypointRef, How] {
  const items = `${field} ${mode}`;
  if (mode === 'WGS84') return ['AMSL', { code: 'assumption.altitude-ellipsoid', items }];
  if (mode === 'EGM96') return ['AMSL', { code: 'assumption.altitude-as-amsl', items }];
  if (mode === 'relativeToStartPoint') return ['launch', { code: 'assumption.altitude-launch-as-agl', items }];
  if (mode === 'aboveGroundLevel' || mode === 'realTimeFollowSurface')
    return ['AGL', { code: 'assumption.altitude-as-agl', items }];
  throw new PlanImportError(format, item, field, `height mode "${mode ?? '(none)'}" is not known`);
}

interface Waypoint {
  p: PlacemarkInfo;
  lon: number;
  lat: number;
  alt: number;
  ref: WaypointRef;
  how: How;
  speed?: Speed;
  hoverS: number;
}

function wpmlNumber(el: XmlElement | undefined, name: string, format: KmlFormat, item: string): number | undefined {
  const raw = el ? childText(el, name) : undefined;
  if (raw === undefined) return undefined;
  const n = toNumber(raw);
  if (n === undefined || Number.isNaN(n)) throw new PlanImportError(format, item, name, `"${raw}" is not a number`);
  return n;
}

function readWaypoint(
  p: PlacemarkInfo,
  root: XmlElement,
  format: KmlFormat,
  opts: ResolvedImportOptions,
  notes: Set<string>,
): Waypoint {
  const point = child(p.el, 'Point') as XmlElement;
  const [[lon, lat, coordAlt]] = parseCoordinates(childText(point, 'coordinates'), format, p.item, 'Point.coordinates');
  const data = extendedData(p.el);
  const execute = wpmlNumber(p.el, 'executeHeight', format, p.item);
  const templateHeight = wpmlNumber(p.el, 'height', format, p.item);
  let alt: number | undefined;
  let ref: WaypointRef;
  let how: How;
  if (execute !== undefined) {
    alt = execute;
    const mode = p.folder && childText(p.folder, 'executeHeightMode');
    [ref, how] = wpmlRef(mode, 'executeHeightMode', format, p.item);
  } else if (templateHeight !== undefined) {
    alt = templateHeight;
    [ref, how] = wpmlRef(findFirst(root, 'heightMode')?.text, 'heightMode', format, p.item);
  } else {
    const mode = kmlAltitudeMode(childText(point, 'altitudeMode'), format, p.item, 'Point.altitudeMode');
    alt = extendedNumber(data, ALTITUDE_KEYS, format, p.item) ?? coordAlt;
    if (mode === 'clamp') {
      notes.add('clampToGround waypoints placed at 0 m AGL');
      alt = 0;
    }
    ref = mode === 'clamp' ? 'AGL' : mode;
    how =
      mode === 'clamp'
        ? { code: 'assumption.altitude-clamped', items: 'altitudeMode clampToGround' }
        : mode === 'AGL'
          ? { code: 'assumption.altitude-as-agl', items: 'altitudeMode relativeToGround' }
          : { code: 'assumption.altitude-as-amsl', items: 'altitudeMode absolute' };
  }
  if (ref === 'AMSL' && how.code === 'assumption.altitude-ellipsoid')
    notes.add('WGS84 ellipsoidal heights read as AMSL (geoid separation ignored)');
  if (alt === undefined) {
    const fallback = defaultAltitudeM(opts);
    if (!fallback || fallback.ref !== ref)
      throw new PlanImportError(
        format,
        p.item,
        'Point.coordinates[0][2]',
        `altitude missing; pass a ${ref} defaultAltitude`,
      );
    notes.add(`waypoints without altitude set to the default ${fallback.valueM} m ${fallback.ref}`);
    alt = fallback.valueM;
    how = { code: 'assumption.altitude-default', items: `${fallback.valueM} m ${fallback.ref}` };
  }
  const useGlobal = childText(p.el, 'useGlobalSpeed') === '1';
  const speedMps =
    extendedNumber(data, SPEED_KEYS, format, p.item) ??
    (useGlobal ? undefined : wpmlNumber(p.el, 'waypointSpeed', format, p.item)) ??
    wpmlNumber(p.folder, 'autoFlightSpeed', format, p.item);
  const wpmlHover = findAll(p.el, 'hoverTime').reduce((sum, h) => {
    const s = toNumber(h.text);
    if (s === undefined || Number.isNaN(s) || s < 0)
      throw new PlanImportError(format, p.item, 'hoverTime', `"${h.text}" is not a non-negative number of seconds`);
    return sum + s;
  }, 0);
  const hoverS = (extendedNumber(data, HOVER_KEYS, format, p.item) ?? 0) + wpmlHover;
  return {
    p,
    lon,
    lat,
    alt,
    ref,
    how,
    hoverS,
    speed: speedMps === undefined ? undefined : { value: speedMps, unit: 'm/s' },
  };
}

/** DJI `takeOffRefPoint` ("lat,lon,alt"): where the aircraft takes off, when the file states it. */
function takeOffPoint(root: XmlElement, format: KmlFormat): [number, number] | undefined {
  const raw = findFirst(root, 'takeOffRefPoint')?.text;
  if (raw === undefined || raw.trim() === '') return undefined;
  const [lat, lon] = raw.split(',').map((v) => toNumber(v));
  return checkLonLat(lon, lat, format, 'missionConfig', { lat: 'takeOffRefPoint[0]', lon: 'takeOffRefPoint[1]' });
}

/**
 * The route's reference and each conversion for the report. Heights relative to the start point become AMSL
 * from the ground at the take-off point (takeOffRefPoint, else the first waypoint) when a ground model is at
 * hand; otherwise they are read as AGL, the launch point taken to be at ground level.
 */
function settleReference(
  points: Waypoint[],
  root: XmlElement,
  format: KmlFormat,
  env: ImportEnvironment,
  notes: Set<string>,
): { values: number[]; altitudeRef: AltitudeRef; conversions: AltitudeConversion[] } {
  const seen = new Map<string, AltitudeConversion>();
  for (const w of points) {
    const key = `${w.how.code} ${w.how.items}`;
    if (!seen.has(key)) seen.set(key, conversion(format, w.how.code, { items: w.how.items }));
  }
  const conversions = [...seen.values()];
  const values = points.map((w) => w.alt);
  if (points[0].ref !== 'launch') return { values, altitudeRef: points[0].ref as AltitudeRef, conversions };
  const ground = env.ground;
  const stated = takeOffPoint(root, format);
  const [lon, lat] = stated ?? [points[0].lon, points[0].lat];
  if (!ground?.covers(lon, lat)) {
    notes.add('heights relative to the start point read as AGL, assuming the launch point is at ground level');
    if (!ground) return { values, altitudeRef: 'AGL', conversions };
    // Outside the model its sea level would be an unstated assumption: say why the model was not used.
    const outside = conversions.map((c) =>
      c.code === 'assumption.altitude-launch-as-agl'
        ? conversion(format, 'assumption.altitude-launch-outside-model', { items: c.params.items, model: ground.id })
        : c,
    );
    return { values, altitudeRef: 'AGL', conversions: outside };
  }
  const groundM = ground.groundM(lon, lat);
  const launch = stated ? 'takeOffRefPoint' : points[0].p.item;
  const out = conversions.map((c) =>
    c.code === 'assumption.altitude-launch-as-agl'
      ? conversion(format, 'assumption.altitude-launch-ground', {
          items: `${c.params.items}, launch at ${launch}`,
          groundM: roundM(groundM),
          model: ground.id,
        })
      : c,
  );
  return { values: values.map((v) => v + groundM), altitudeRef: 'AMSL', conversions: out };
}

/** Ordered Point placemarks (DJI WPML / Litchi-style waypoint KML) as a route; WPML `index` sets the order. */
export function waypointsToDraft(
  placemarks: PlacemarkInfo[],
  root: XmlElement,
  format: KmlFormat,
  opts: ResolvedImportOptions,
  warnings: string[],
  env: ImportEnvironment = {},
): { draft: RouteDraft; describe: (i: number) => string } {
  const notes = new Set<string>();
  let points = placemarks.map((p) => readWaypoint(p, root, format, opts, notes));
  const indices = points.map((w) => toNumber(childText(w.p.el, 'index')));
  if (indices.every((n) => n !== undefined && !Number.isNaN(n))) {
    const order = points.map((w, i) => ({ w, n: indices[i] as number }));
    points = order.sort((a, b) => a.n - b.n).map((o) => o.w);
  }
  const ref = points[0].ref;
  const odd = points.find((w) => w.ref !== ref);
  if (odd)
    throw new PlanImportError(
      format,
      odd.p.item,
      'altitudeMode',
      `is ${odd.ref} but ${points[0].p.item} is ${ref}; one reference per route`,
    );
  const { values, altitudeRef, conversions } = settleReference(points, root, format, env, notes);
  warnings.push(...notes);
  const legSpeeds = fillLegSpeeds(
    points.slice(0, -1).map((w) => w.speed),
    opts,
    warnings,
    { format, item: points[0].p.item, field: 'ExtendedData.speed' },
  );
  return {
    draft: {
      coordinates: points.map((w, i) => [w.lon, w.lat, values[i]]),
      altitudeRef,
      altitudeConversions: conversions,
      legSpeeds,
      hoverS: points.map((w) => w.hoverS),
    },
    describe: (i) => points[i]?.p.item ?? points[0].p.item,
  };
}
