import { z } from 'zod';
import { AltitudeConversion } from '../model/plan.js';
import { AltitudeRef, Speed } from '../model/units.js';
import {
  checkLonLat,
  conversion,
  defaultAltitudeM,
  fillLegSpeeds,
  finishRoute,
  isRecord,
  type Position,
  parseJsonText,
  type RouteDraft,
  toNumber,
} from './common.js';
import { PlanImportError } from './errors.js';
import type { ImportedRoute, ResolvedImportOptions } from './types.js';

const FORMAT = 'geojson';

/** Route members a LineString feature may carry in `properties` (or, on a bare geometry, as foreign members). */
const LineProps = z.looseObject({
  name: z.string().optional(),
  altitudeRef: AltitudeRef.optional(),
  legSpeeds: z.array(Speed).optional(),
  waypointTimesS: z.array(z.number().nonnegative()).optional(),
  hoverS: z.array(z.number().nonnegative()).optional(),
  speed: Speed.optional().describe('one ground speed for every leg'),
  altitudeConversions: z.array(AltitudeConversion).max(50).optional(),
});

/** Members of a Point feature used as a waypoint: `speed` is for the leg that leaves it. */
const PointProps = z.looseObject({
  name: z.string().optional(),
  altitudeRef: AltitudeRef.optional(),
  hoverS: z.number().nonnegative().optional(),
  speed: Speed.optional(),
});

interface Candidate {
  item: string;
  geometry: Record<string, unknown>;
  props: unknown;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function parseProps<T extends z.ZodType>(schema: T, c: Candidate, prefix: string): z.output<T> {
  const parsed = schema.safeParse(c.props ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PlanImportError(FORMAT, c.item, `${prefix}${pathText(issue.path)}`.replace(/\.$/, ''), issue.message);
}

/** [lon, lat, alt | undefined] of one GeoJSON position, checked. */
function readPosition(value: unknown, item: string, field: string): [number, number, number | undefined] {
  if (!Array.isArray(value) || value.length < 2)
    throw new PlanImportError(FORMAT, item, field, 'a position must be an array [lon, lat, alt?]');
  const [lon, lat] = checkLonLat(toNumber(value[0]), toNumber(value[1]), FORMAT, item, {
    lon: `${field}[0]`,
    lat: `${field}[1]`,
  });
  const alt = toNumber(value[2]);
  if (alt !== undefined && Number.isNaN(alt))
    throw new PlanImportError(FORMAT, item, `${field}[2]`, 'altitude is not a number');
  return [lon, lat, alt];
}

/** Fills missing altitudes and settles the reference: stated, else the option, else RFC 7946 (≈ AMSL). */
function settleAltitudes(
  positions: [number, number, number | undefined][],
  stated: AltitudeRef | undefined,
  opts: ResolvedImportOptions,
  warnings: string[],
  missingAt: (i: number) => { item: string; field: string },
): { coordinates: Position[]; altitudeRef: AltitudeRef; altitudeConversions: AltitudeConversion[] } {
  const gaps = positions.flatMap((p, i) => (p[2] === undefined ? [i] : []));
  const fallback = defaultAltitudeM(opts);
  const altitudeConversions: AltitudeConversion[] = [];
  let altitudeRef = stated ?? opts.altitudeRef;
  const given = positions.length - gaps.length;
  if (gaps.length === positions.length && fallback) altitudeRef ??= fallback.ref;
  if (!altitudeRef) {
    altitudeRef = 'AMSL';
    warnings.push(
      'no altitudeRef: altitudes read as AMSL (RFC 7946 heights above the WGS 84 ellipsoid; geoid separation ignored)',
    );
    altitudeConversions.push(
      conversion(FORMAT, 'assumption.altitude-ellipsoid', { items: `${given} positions, no altitudeRef` }),
    );
  } else if (given > 0) {
    const source = stated ? 'altitudeRef in the file' : 'altitudeRef import option';
    altitudeConversions.push(
      conversion(FORMAT, altitudeRef === 'AGL' ? 'assumption.altitude-as-agl' : 'assumption.altitude-as-amsl', {
        items: `${given} positions, ${source}`,
      }),
    );
  }
  if (gaps.length > 0) {
    const { item, field } = missingAt(gaps[0]);
    if (!fallback)
      throw new PlanImportError(FORMAT, item, field, 'position has no altitude; pass defaultAltitude to import it');
    if (fallback.ref !== altitudeRef)
      throw new PlanImportError(
        FORMAT,
        item,
        field,
        `position has no altitude and defaultAltitude is ${fallback.ref}, not ${altitudeRef}`,
      );
    warnings.push(
      `${gaps.length} of ${positions.length} positions have no altitude; used the default ${fallback.valueM} m ${fallback.ref}`,
    );
    altitudeConversions.push(
      conversion(FORMAT, 'assumption.altitude-default', {
        items: `${gaps.length} of ${positions.length} positions`,
        value: fallback.valueM,
        ref: fallback.ref,
      }),
    );
  }
  const coordinates = positions.map(([lon, lat, alt]): Position => [lon, lat, alt ?? (fallback?.valueM as number)]);
  return { coordinates, altitudeRef, altitudeConversions };
}

function fromLine(
  c: Candidate,
  propsPrefix: string,
  geomPrefix: string,
  opts: ResolvedImportOptions,
  warnings: string[],
) {
  const props = parseProps(LineProps, c, propsPrefix);
  const coords = c.geometry.coordinates;
  if (!Array.isArray(coords))
    throw new PlanImportError(FORMAT, c.item, `${geomPrefix}coordinates`, 'must be an array of positions');
  const positions = coords.map((p, i) => readPosition(p, c.item, `${geomPrefix}coordinates[${i}]`));
  const settled = settleAltitudes(positions, props.altitudeRef, opts, warnings, (i) => ({
    item: c.item,
    field: `${geomPrefix}coordinates[${i}][2]`,
  }));
  const draft: RouteDraft = {
    ...settled,
    // a Route written out earlier keeps the conversions its own import made
    ...(props.altitudeConversions && props.altitudeRef ? { altitudeConversions: props.altitudeConversions } : {}),
    hoverS: props.hoverS,
    waypointTimesS: props.waypointTimesS,
    legSpeeds: props.legSpeeds,
  };
  if (!props.waypointTimesS && !props.legSpeeds)
    draft.legSpeeds = fillLegSpeeds(new Array(Math.max(positions.length - 1, 0)).fill(props.speed), opts, warnings, {
      format: FORMAT,
      item: c.item,
      field: `${propsPrefix}legSpeeds`,
    });
  return { draft, name: props.name, describe: (i: number) => `${c.item} ${geomPrefix}coordinates[${i}]` };
}

function fromPoints(points: Candidate[], opts: ResolvedImportOptions, warnings: string[]) {
  const props = points.map((p) => parseProps(PointProps, p, 'properties.'));
  const stated = props.find((p) => p.altitudeRef)?.altitudeRef;
  const mismatch = props.findIndex((p) => p.altitudeRef && p.altitudeRef !== stated);
  if (mismatch >= 0)
    throw new PlanImportError(
      FORMAT,
      points[mismatch].item,
      'properties.altitudeRef',
      `differs from the first waypoint's ${stated}`,
    );
  const positions = points.map((p) => readPosition(p.geometry.coordinates, p.item, 'geometry.coordinates'));
  const settled = settleAltitudes(positions, stated, opts, warnings, (i) => ({
    item: points[i].item,
    field: 'geometry.coordinates[2]',
  }));
  const legSpeeds = fillLegSpeeds(
    props.slice(0, -1).map((p) => p.speed),
    opts,
    warnings,
    { format: FORMAT, item: points[0].item, field: 'properties.speed' },
  );
  warnings.push(`no LineString: the ${points.length} Point features were used as waypoints in file order`);
  const draft: RouteDraft = { ...settled, legSpeeds, hoverS: props.map((p) => p.hoverS ?? 0) };
  return { draft, name: undefined, describe: (i: number) => points[i]?.item ?? points[0].item };
}

function candidates(data: Record<string, unknown>): Candidate[] {
  if (data.type === 'FeatureCollection') {
    if (!Array.isArray(data.features))
      throw new PlanImportError(FORMAT, 'FeatureCollection', 'features', 'must be an array');
    return data.features.map((f, i) => {
      const item = `features[${i}]`;
      if (!isRecord(f) || !isRecord(f.geometry))
        throw new PlanImportError(FORMAT, item, 'geometry', 'a Feature with a geometry object is required');
      return { item, geometry: f.geometry, props: f.properties };
    });
  }
  if (data.type === 'Feature') {
    if (!isRecord(data.geometry))
      throw new PlanImportError(FORMAT, 'Feature', 'geometry', 'a geometry object is required');
    return [{ item: 'Feature', geometry: data.geometry, props: data.properties }];
  }
  if (data.type === 'LineString') return [{ item: 'LineString', geometry: data, props: data }];
  throw new PlanImportError(
    FORMAT,
    '(document)',
    'type',
    `"${String(data.type)}" is not a LineString, Feature or FeatureCollection`,
  );
}

/** GeoJSON: a LineString (bare, in a Feature, or one of a FeatureCollection), or ordered Point features. */
export function importGeoJson(text: string, opts: ResolvedImportOptions): ImportedRoute {
  const data = parseJsonText(text, FORMAT);
  if (!isRecord(data)) throw new PlanImportError(FORMAT, '(document)', undefined, 'not a GeoJSON object');
  const warnings: string[] = [];
  const all = candidates(data);
  const lines = all.filter((c) => c.geometry.type === 'LineString');
  const points = all.filter((c) => c.geometry.type === 'Point');
  const others = all.length - lines.length - (lines.length ? 0 : points.length);
  if (others > 0) warnings.push(`${others} features that are not part of the route were ignored`);
  let built: ReturnType<typeof fromLine>;
  if (lines.length > 0) {
    const index = opts.index ?? 0;
    const chosen = lines[index];
    if (!chosen)
      throw new PlanImportError(
        FORMAT,
        '(document)',
        'index',
        `index ${index} but the file has ${lines.length} LineStrings`,
      );
    if (lines.length > 1 && opts.index === undefined)
      warnings.push(`the file has ${lines.length} LineStrings; used ${chosen.item}; pass index to choose another`);
    const bare = chosen.item === 'LineString';
    built = fromLine(chosen, bare ? '' : 'properties.', bare ? '' : 'geometry.', opts, warnings);
  } else if (points.length >= 2) built = fromPoints(points, opts, warnings);
  else throw new PlanImportError(FORMAT, '(document)', undefined, 'no LineString and fewer than two Point features');
  const route = finishRoute(FORMAT, built.draft, built.describe);
  return { route, name: built.name, warnings, format: FORMAT };
}
