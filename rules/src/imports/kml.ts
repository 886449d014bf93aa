import type { AltitudeRef } from '../model/units.js';
import { conversion, defaultAltitudeM, fillLegSpeeds, finishRoute, type RouteDraft, relativeTimesS } from './common.js';
import { PlanImportError } from './errors.js';
import {
  collectPlacemarks,
  extendedData,
  extendedNumber,
  type KmlFormat,
  kmlAltitudeMode,
  type PlacemarkInfo,
  parseCoordinates,
  placemarkGeometry,
} from './kml-common.js';
import { isWaypointPlacemark, waypointsToDraft } from './kml-waypoints.js';
import type { ImportEnvironment, ImportedRoute, ResolvedImportOptions } from './types.js';
import { child, childrenNamed, childText, parseXmlDocument, type XmlElement, xmlLimitsOf } from './xml.js';

interface Built {
  draft: RouteDraft;
  describe: (i: number) => string;
}

/** gx:Track `<gx:coord>lon lat alt</gx:coord>` entries as the comma form parseCoordinates reads. */
function trackCoordinates(track: XmlElement): string {
  return childrenNamed(track, 'coord')
    .map((c) => c.text.trim().split(/\s+/).join(','))
    .join(' ');
}

/** A LineString or gx:Track placemark as a route. */
function pathToDraft(
  p: PlacemarkInfo,
  geom: { kind: 'line' | 'track'; el: XmlElement },
  format: KmlFormat,
  opts: ResolvedImportOptions,
  warnings: string[],
): Built {
  const tag = geom.kind === 'line' ? 'LineString' : 'Track';
  const text = geom.kind === 'line' ? childText(geom.el, 'coordinates') : trackCoordinates(geom.el);
  const positions = parseCoordinates(text, format, p.item, `${tag}.${geom.kind === 'line' ? 'coordinates' : 'coord'}`);
  const mode = kmlAltitudeMode(childText(geom.el, 'altitudeMode'), format, p.item, `${tag}.altitudeMode`);
  const fallback = defaultAltitudeM(opts);
  let altitudeRef: AltitudeRef;
  let altitudes: number[];
  const where = `${p.item} altitudeMode`;
  const notes = [
    mode === 'clamp'
      ? fallback
        ? conversion(format, 'assumption.altitude-default', {
            items: `${p.item} (clampToGround)`,
            value: fallback.valueM,
            ref: fallback.ref,
          })
        : conversion(format, 'assumption.altitude-clamped', { items: `${where} clampToGround` })
      : mode === 'AGL'
        ? conversion(format, 'assumption.altitude-as-agl', { items: `${where} relativeToGround` })
        : conversion(format, 'assumption.altitude-as-amsl', { items: `${where} absolute` }),
  ];
  if (mode === 'clamp') {
    altitudeRef = fallback?.ref ?? 'AGL';
    altitudes = positions.map(() => fallback?.valueM ?? 0);
    warnings.push(
      `${p.item}: altitudeMode clampToGround (the KML default) puts the path on the ground; ` +
        (fallback ? `used the default altitude ${fallback.valueM} m ${fallback.ref}` : 'altitudes set to 0 m AGL'),
    );
  } else {
    altitudeRef = mode;
    const gap = positions.findIndex((q) => q[2] === undefined);
    if (gap >= 0 && (!fallback || fallback.ref !== mode))
      throw new PlanImportError(
        format,
        p.item,
        `${tag}.coordinates[${gap}]`,
        `altitude missing; pass a ${mode} defaultAltitude`,
      );
    altitudes = positions.map((q) => q[2] ?? (fallback?.valueM as number));
    if (gap >= 0 && fallback)
      notes.push(
        conversion(format, 'assumption.altitude-default', {
          items: `${positions.filter((q) => q[2] === undefined).length} of ${positions.length} positions`,
          value: fallback.valueM,
          ref: fallback.ref,
        }),
      );
  }
  const draft: RouteDraft = {
    coordinates: positions.map((q, i) => [q[0], q[1], altitudes[i]]),
    altitudeRef,
    altitudeConversions: notes,
  };
  const whens = geom.kind === 'track' ? childrenNamed(geom.el, 'when').map((w) => w.text) : [];
  if (whens.length && whens.length === positions.length) {
    const times = whens.map((w, i) => {
      const t = Date.parse(w);
      if (Number.isNaN(t))
        throw new PlanImportError(format, p.item, `Track.when[${i}]`, `"${w}" is not an ISO 8601 time`);
      return t;
    });
    draft.waypointTimesS = relativeTimesS(times, (i) => {
      throw new PlanImportError(format, p.item, `Track.when[${i}]`, 'time is earlier than the previous one');
    });
  } else {
    if (whens.length)
      warnings.push(`${p.item}: ${whens.length} times for ${positions.length} positions; times ignored`);
    const speed = extendedNumber(extendedData(p.el), ['speed', 'speedms'], format, p.item);
    draft.legSpeeds = fillLegSpeeds(
      new Array(positions.length - 1).fill(speed === undefined ? undefined : { value: speed, unit: 'm/s' }),
      opts,
      warnings,
      { format, item: p.item, field: 'ExtendedData.speed' },
    );
  }
  return { draft, describe: (i) => `${p.item} ${tag} position ${i}` };
}

function listNames(ps: PlacemarkInfo[]): string {
  const names = ps.map((p) => p.item);
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * KML: waypoint placemarks (DJI WPML or ExtendedData) when there are at least two; otherwise a LineString or
 * gx:Track path (opts.index picks among several); otherwise plain Point placemarks in document order.
 */
export function importKmlText(
  text: string,
  opts: ResolvedImportOptions,
  format: KmlFormat,
  env: ImportEnvironment = {},
): ImportedRoute {
  const root = parseXmlDocument(text, format, xmlLimitsOf(opts));
  if (root.name !== 'kml')
    throw new PlanImportError(format, '(document)', undefined, `root element is <${root.name}>, not <kml>`);
  const warnings: string[] = [];
  const placemarks = collectPlacemarks(root).map((p) => ({ p, geom: placemarkGeometry(p.el) }));
  const paths = placemarks.filter((x) => x.geom.kind === 'line' || x.geom.kind === 'track');
  const points = placemarks.filter((x) => x.geom.kind === 'point').map((x) => x.p);
  const waypoints = points.filter(isWaypointPlacemark);
  let built: Built;
  let used: PlacemarkInfo[];
  if (waypoints.length >= 2) {
    built = waypointsToDraft(waypoints, root, format, opts, warnings, env);
    used = waypoints;
  } else if (paths.length > 0) {
    const index = opts.index ?? 0;
    const chosen = paths[index];
    if (!chosen)
      throw new PlanImportError(format, '(document)', 'index', `index ${index} but the file has ${paths.length} paths`);
    if (paths.length > 1 && opts.index === undefined)
      warnings.push(
        `the file has ${paths.length} paths (${listNames(paths.map((x) => x.p))}); used the first; pass index to choose another`,
      );
    built = pathToDraft(chosen.p, chosen.geom as { kind: 'line' | 'track'; el: XmlElement }, format, opts, warnings);
    used = [chosen.p];
  } else if (points.length >= 2) {
    warnings.push(`no path: the ${points.length} Point placemarks were used as waypoints in document order`);
    built = waypointsToDraft(points, root, format, opts, warnings, env);
    used = points;
  } else
    throw new PlanImportError(
      format,
      '(document)',
      undefined,
      `no LineString, gx:Track or two Point placemarks with coordinates (${placemarks.length} placemarks)`,
    );
  const unused = placemarks.filter((x) => !used.includes(x.p)).map((x) => x.p);
  if (unused.length) warnings.push(`${unused.length} other placemarks ignored: ${listNames(unused)}`);
  const route = finishRoute(format, built.draft, built.describe);
  const doc = child(root, 'Document') ?? root;
  const name = used.length === 1 ? (used[0].name ?? childText(doc, 'name')) : (childText(doc, 'name') ?? undefined);
  return { route, name: name || undefined, warnings, format };
}
