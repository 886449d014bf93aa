import type { AltitudeConversion } from '../model/plan.js';
import type { Speed } from '../model/units.js';
import {
  checkLonLat,
  conversion,
  defaultAltitudeM,
  fillLegSpeeds,
  finishRoute,
  type Position,
  relativeTimesS,
  toNumber,
} from './common.js';
import { PlanImportError } from './errors.js';
import type { ImportedRoute, ResolvedImportOptions } from './types.js';
import { child, childrenNamed, childText, parseXmlDocument, type XmlElement, xmlLimitsOf } from './xml.js';

const FORMAT = 'gpx';

interface GpxPoint {
  item: string;
  lon: number;
  lat: number;
  ele?: number;
  timeMs?: number;
}

interface GpxPath {
  item: string;
  name?: string;
  points: GpxPoint[];
}

function readPoint(el: XmlElement, item: string): GpxPoint {
  const [lon, lat] = checkLonLat(toNumber(el.attrs.lon), toNumber(el.attrs.lat), FORMAT, item, {
    lon: 'lon',
    lat: 'lat',
  });
  const point: GpxPoint = { item, lon, lat };
  const eleText = childText(el, 'ele');
  if (eleText !== undefined) {
    const ele = toNumber(eleText);
    if (ele === undefined || Number.isNaN(ele))
      throw new PlanImportError(FORMAT, item, 'ele', `elevation "${eleText}" is not a number`);
    point.ele = ele;
  }
  const timeText = childText(el, 'time');
  if (timeText !== undefined) {
    const t = Date.parse(timeText);
    if (Number.isNaN(t)) throw new PlanImportError(FORMAT, item, 'time', `"${timeText}" is not an ISO 8601 time`);
    point.timeMs = t;
  }
  return point;
}

/** Routes and tracks in file order; a track's segments are joined. */
function readPaths(root: XmlElement, warnings: string[]): GpxPath[] {
  const paths: GpxPath[] = [];
  let rteCount = 0;
  let trkCount = 0;
  for (const el of root.children) {
    if (el.name === 'rte') {
      const item = `rte[${rteCount++}]`;
      const points = childrenNamed(el, 'rtept').map((p, i) => readPoint(p, `${item}.rtept[${i}]`));
      paths.push({ item, name: childText(el, 'name'), points });
    } else if (el.name === 'trk') {
      const item = `trk[${trkCount++}]`;
      const segments = childrenNamed(el, 'trkseg');
      const points = segments.flatMap((seg, s) =>
        childrenNamed(seg, 'trkpt').map((p, i) => readPoint(p, `${item}.trkseg[${s}].trkpt[${i}]`)),
      );
      if (segments.length > 1) warnings.push(`${item} has ${segments.length} segments; they were joined into one path`);
      paths.push({ item, name: childText(el, 'name'), points });
    }
  }
  return paths;
}

function pickPath(root: XmlElement, opts: ResolvedImportOptions, warnings: string[]): GpxPath {
  const paths = readPaths(root, warnings);
  if (paths.length === 0) {
    const wpts = childrenNamed(root, 'wpt').map((p, i) => readPoint(p, `wpt[${i}]`));
    if (wpts.length < 2) throw new PlanImportError(FORMAT, 'gpx', undefined, 'no rte or trk, and fewer than two wpt');
    warnings.push(`no rte or trk: the ${wpts.length} wpt waypoints were used in file order`);
    return { item: 'wpt', points: wpts };
  }
  const label = (p: GpxPath) => p.item + (p.name ? ` '${p.name}'` : '');
  if (opts.joinTracks) {
    const tracks = paths.filter((p) => p.item.startsWith('trk'));
    if (tracks.length === 0)
      throw new PlanImportError(FORMAT, 'gpx', 'trk', 'joinTracks was asked for but the file has no trk');
    warnings.push(`joined ${tracks.length} tracks in file order into one path`);
    return { item: 'trk', name: tracks[0].name, points: tracks.flatMap((t) => t.points) };
  }
  if (opts.index !== undefined) {
    const chosen = paths[opts.index];
    if (!chosen)
      throw new PlanImportError(FORMAT, 'gpx', 'index', `index ${opts.index} but the file has ${paths.length} rte/trk`);
    return chosen;
  }
  // An empty track (a GPS log's first, say) is no one's intended route: take the first with two points.
  const chosen = paths.find((p) => p.points.length >= 2) ?? paths[0];
  if (paths.length > 1)
    warnings.push(
      `the file has ${paths.length} routes/tracks (${paths.map(label).join(', ')}); used ${label(chosen)}; ` +
        'pass index to choose another, or joinTracks to join the tracks',
    );
  return chosen;
}

function altitudes(path: GpxPath, opts: ResolvedImportOptions, warnings: string[], conversions: AltitudeConversion[]) {
  const missing = path.points.filter((p) => p.ele === undefined);
  const stated = path.points.length - missing.length;
  if (stated > 0)
    conversions.push(conversion(FORMAT, 'assumption.altitude-as-amsl', { items: `ele of ${stated} points` }));
  if (missing.length === 0) return { ref: 'AMSL' as const, values: path.points.map((p) => p.ele as number) };
  const fallback = defaultAltitudeM(opts);
  const allMissing = missing.length === path.points.length;
  if (!fallback || (!allMissing && fallback.ref !== 'AMSL'))
    throw new PlanImportError(
      FORMAT,
      missing[0].item,
      'ele',
      allMissing
        ? 'no elevation in the file; pass defaultAltitude ({ value, ref }) to import it'
        : `elevation missing (${missing.length} of ${path.points.length} points); pass an AMSL defaultAltitude to fill the gaps`,
    );
  warnings.push(
    `${missing.length} of ${path.points.length} points have no ele; used the default ${fallback.valueM} m ${fallback.ref}`,
  );
  conversions.push(
    conversion(FORMAT, 'assumption.altitude-default', {
      items: `${missing.length} of ${path.points.length} points`,
      value: fallback.valueM,
      ref: fallback.ref,
    }),
  );
  return { ref: fallback.ref, values: path.points.map((p) => p.ele ?? fallback.valueM) };
}

/** GPX 1.0 / 1.1: one rte or trk becomes the route; ele is AMSL; trkpt/rtept times give waypoint times. */
export function importGpx(text: string, opts: ResolvedImportOptions): ImportedRoute {
  const warnings: string[] = [];
  const root = parseXmlDocument(text, FORMAT, xmlLimitsOf(opts));
  if (root.name !== 'gpx')
    throw new PlanImportError(FORMAT, '(document)', undefined, `root element is <${root.name}>, not <gpx>`);
  const version = root.attrs.version;
  if (version !== '1.0' && version !== '1.1')
    warnings.push(`GPX version "${version ?? '(none)'}" is not 1.0 or 1.1; read as 1.1`);
  const path = pickPath(root, opts, warnings);
  if (path.points.length < 2)
    throw new PlanImportError(
      FORMAT,
      path.item,
      undefined,
      `has ${path.points.length} points; a route needs at least two`,
    );
  const altitudeConversions: AltitudeConversion[] = [];
  const { ref, values } = altitudes(path, opts, warnings, altitudeConversions);
  const coordinates: Position[] = path.points.map((p, i) => [p.lon, p.lat, values[i]]);

  const timed = path.points.filter((p) => p.timeMs !== undefined).length;
  let waypointTimesS: number[] | undefined;
  let legSpeeds: Speed[] | undefined;
  if (timed === path.points.length && timed > 0) {
    waypointTimesS = relativeTimesS(
      path.points.map((p) => p.timeMs as number),
      (i) => {
        throw new PlanImportError(FORMAT, path.points[i].item, 'time', 'time is earlier than the previous point');
      },
    );
  } else {
    if (timed > 0) warnings.push(`only ${timed} of ${path.points.length} points have a time; times were ignored`);
    const firstUntimed = path.points.find((p) => p.timeMs === undefined) ?? path.points[0];
    legSpeeds = fillLegSpeeds(new Array(coordinates.length - 1).fill(undefined), opts, warnings, {
      format: FORMAT,
      item: firstUntimed.item,
      field: 'time',
    });
  }
  const metadata = child(root, 'metadata');
  const name = path.name ?? (metadata ? childText(metadata, 'name') : undefined) ?? childText(root, 'name');
  const route = finishRoute(
    FORMAT,
    { coordinates, altitudeRef: ref, legSpeeds, waypointTimesS, altitudeConversions },
    (i) => path.points[i]?.item ?? path.item,
  );
  return { route, name, warnings, format: FORMAT };
}
