import type { AltitudeRef, Speed } from '../model/units.js';
import { defaultAltitudeM, fillLegSpeeds, type RouteDraft, toNumber } from './common.js';
import { PlanImportError } from './errors.js';
import {
  extendedData,
  extendedNumber,
  type KmlFormat,
  kmlAltitudeMode,
  type PlacemarkInfo,
  parseCoordinates,
} from './kml-common.js';
import type { ResolvedImportOptions } from './types.js';
import { child, childText, findAll, findFirst, type XmlElement } from './xml.js';

const SPEED_KEYS = ['speed', 'speedms', 'waypointspeed'];
const HOVER_KEYS = ['hovers', 'hover', 'hovertime', 'staytime'];
const ALTITUDE_KEYS = ['altitude', 'height'];
const WPML_MARKERS = ['index', 'executeHeight', 'height', 'waypointSpeed'];

/** Does this Point placemark carry waypoint settings (DJI WPML members, or any ExtendedData as Litchi-style files do)? */
export function isWaypointPlacemark(p: PlacemarkInfo): boolean {
  return WPML_MARKERS.some((m) => child(p.el, m)) || extendedData(p.el).size > 0;
}

/** DJI WPML height modes: executeHeightMode (waylines.wpml) or heightMode (template.kml). */
function wpmlRef(mode: string | undefined, format: KmlFormat, item: string, warnings: Set<string>): AltitudeRef {
  if (mode === 'WGS84' || mode === 'EGM96') {
    if (mode === 'WGS84') warnings.add('WGS84 ellipsoidal heights read as AMSL (geoid separation ignored)');
    return 'AMSL';
  }
  if (mode === 'relativeToStartPoint') {
    warnings.add('heights relative to the start point read as AGL, assuming the launch point is at ground level');
    return 'AGL';
  }
  if (mode === 'aboveGroundLevel' || mode === 'realTimeFollowSurface') return 'AGL';
  throw new PlanImportError(format, item, 'executeHeightMode', `height mode "${mode ?? '(none)'}" is not known`);
}

interface Waypoint {
  p: PlacemarkInfo;
  lon: number;
  lat: number;
  alt: number;
  ref: AltitudeRef;
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
  let ref: AltitudeRef;
  if (execute !== undefined) {
    alt = execute;
    ref = wpmlRef(p.folder && childText(p.folder, 'executeHeightMode'), format, p.item, notes);
  } else if (templateHeight !== undefined) {
    alt = templateHeight;
    ref = wpmlRef(findFirst(root, 'heightMode')?.text, format, p.item, notes);
  } else {
    const mode = kmlAltitudeMode(childText(point, 'altitudeMode'), format, p.item, 'Point.altitudeMode');
    alt = extendedNumber(data, ALTITUDE_KEYS, format, p.item) ?? coordAlt;
    if (mode === 'clamp') {
      notes.add('clampToGround waypoints placed at 0 m AGL');
      alt = 0;
    }
    ref = mode === 'clamp' ? 'AGL' : mode;
  }
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
    hoverS,
    speed: speedMps === undefined ? undefined : { value: speedMps, unit: 'm/s' },
  };
}

/** Ordered Point placemarks (DJI WPML / Litchi-style waypoint KML) as a route; WPML `index` sets the order. */
export function waypointsToDraft(
  placemarks: PlacemarkInfo[],
  root: XmlElement,
  format: KmlFormat,
  opts: ResolvedImportOptions,
  warnings: string[],
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
  warnings.push(...notes);
  const legSpeeds = fillLegSpeeds(
    points.slice(0, -1).map((w) => w.speed),
    opts,
    warnings,
    { format, item: points[0].p.item, field: 'ExtendedData.speed' },
  );
  return {
    draft: {
      coordinates: points.map((w) => [w.lon, w.lat, w.alt]),
      altitudeRef: ref,
      legSpeeds,
      hoverS: points.map((w) => w.hoverS),
    },
    describe: (i) => points[i]?.p.item ?? points[0].p.item,
  };
}
