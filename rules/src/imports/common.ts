import { type AltitudeConversion, Route } from '../model/plan.js';
import { type AltitudeRef, lengthToMetres, type Speed } from '../model/units.js';
import { PlanImportError } from './errors.js';
import type { ImportFormat, PlanFormat, ResolvedImportOptions } from './types.js';

export type Position = [number, number, number];

/** A route before validation: the importers fill this in, `finishRoute` checks it against the model. */
export interface RouteDraft {
  coordinates: Position[];
  altitudeRef: AltitudeRef;
  legSpeeds?: Speed[];
  waypointTimesS?: number[];
  hoverS?: number[];
  altitudeConversions?: AltitudeConversion[];
}

const FORMAT_LABELS: Record<PlanFormat, string> = {
  qgc: 'QGC',
  kml: 'KML',
  kmz: 'KML',
  gpx: 'GPX',
  geojson: 'GeoJSON',
};

/** A note for the report of how some of the file's altitudes were read or converted. */
export function conversion(
  format: PlanFormat,
  code: AltitudeConversion['code'],
  params: Record<string, string | number>,
): AltitudeConversion {
  return { code, params: { format: FORMAT_LABELS[format], ...params } };
}

/** Metres rounded as people write them (a ground height is not known to the centimetre). */
export function roundM(m: number): number {
  return Math.round(m * 10) / 10;
}

/** UTF-8 text of the content, without a byte-order mark. */
export function decodeText(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse with the failure reported as a PlanImportError that gives the line and column. */
export function parseJsonText(text: string, format: ImportFormat): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(detail);
    let where = text.trim() === '' ? 'the file is empty' : 'unexpected end of input (truncated?)';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    } else if (!/end of (JSON )?input/i.test(detail) && text.trim() !== '') where = detail;
    throw new PlanImportError(format, '(document)', undefined, `not valid JSON: ${where}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from XML text or a JSON value; undefined when absent, NaN when present but not a number. */
export function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Throws naming the field when a longitude or latitude is not a number or out of range. */
export function checkLonLat(
  lon: number | undefined,
  lat: number | undefined,
  format: ImportFormat,
  item: string,
  fields: { lon: string; lat: string },
): [number, number] {
  if (lat === undefined || Number.isNaN(lat))
    throw new PlanImportError(format, item, fields.lat, 'latitude missing or not a number');
  if (lon === undefined || Number.isNaN(lon))
    throw new PlanImportError(format, item, fields.lon, 'longitude missing or not a number');
  if (Math.abs(lat) > 90)
    throw new PlanImportError(format, item, fields.lat, `latitude ${lat} is out of range [-90, 90]`);
  if (Math.abs(lon) > 180)
    throw new PlanImportError(format, item, fields.lon, `longitude ${lon} is out of range [-180, 180]`);
  return [lon, lat];
}

/** The caller's default altitude in metres, or undefined when none was given. */
export function defaultAltitudeM(opts: ResolvedImportOptions): { valueM: number; ref: AltitudeRef } | undefined {
  const d = opts.defaultAltitude;
  return d ? { valueM: lengthToMetres(d), ref: d.ref } : undefined;
}

/**
 * One speed per leg: the file's where it has one, otherwise the caller's default; with neither, an error naming
 * where the file should have said it.
 */
export function fillLegSpeeds(
  perLeg: (Speed | undefined)[],
  opts: ResolvedImportOptions,
  warnings: string[],
  missing: { format: ImportFormat; item: string; field: string },
): Speed[] {
  const gaps = perLeg.filter((s) => s === undefined).length;
  if (gaps === 0) return perLeg as Speed[];
  const fallback = opts.defaultSpeed;
  if (!fallback)
    throw new PlanImportError(
      missing.format,
      missing.item,
      missing.field,
      'no waypoint times or speeds in the file; pass defaultSpeed to import it',
    );
  warnings.push(
    `${gaps} of ${perLeg.length} legs have no speed in the file; used the default ${fallback.value} ${fallback.unit}`,
  );
  return perLeg.map((s) => s ?? fallback);
}

/** Seconds after the first time for each time in ms; the times must not decrease. */
export function relativeTimesS(timesMs: number[], onDecrease: (index: number) => never): number[] {
  const t0 = timesMs[0];
  return timesMs.map((t, i) => {
    if (i > 0 && t < timesMs[i - 1]) onDecrease(i);
    return (t - t0) / 1000;
  });
}

/** Validates the draft against the shared Route schema; a failure names the waypoint it concerns. */
export function finishRoute(format: PlanFormat, draft: RouteDraft, describePoint: (index: number) => string): Route {
  if (draft.coordinates.length < 2)
    throw new PlanImportError(
      format,
      draft.coordinates.length === 1 ? describePoint(0) : '(document)',
      undefined,
      `a route needs at least two waypoints; found ${draft.coordinates.length}`,
    );
  const candidate = { type: 'LineString' as const, ...draft };
  if (candidate.hoverS?.every((h) => h === 0)) delete candidate.hoverS;
  if (candidate.altitudeConversions?.length === 0) delete candidate.altitudeConversions;
  const parsed = Route.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [member, index] = issue.path;
  const item = typeof index === 'number' ? describePoint(index) : 'route';
  throw new PlanImportError(format, item, String(member ?? ''), issue.message);
}
