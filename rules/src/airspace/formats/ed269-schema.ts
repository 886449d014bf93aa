import { z } from 'zod';
import type { Altitude } from '../../model/units.js';
import { lengthToMetres } from '../../model/units.js';
import { refFromCode, uomFromCode } from './codes.js';
import { fail, parseAt, type ReadContext } from './errors.js';
import { makeCircle, readPolygonal, readPosition, type Volume } from './geometry.js';

/*
 * Lenient zod shapes of the two ED-269 JSON layouts in use:
 * - `{ formatVersion, createdAt, UASZoneList: [...] }` with `applicability[].dailyPeriod` (e.g. the Swiss
 *   CIS sample in interuss/monitoring);
 * - `{ title, description, features: [...] }` with `applicability[].schedule` (the ED-269 schema as
 *   modelled in interuss uas_standards).
 * Zone members are the same in both.
 */

const Nstr = z.string().nullish();

export const Ed269Daily = z.object({
  day: z.array(z.string()).nullish(),
  startTime: Nstr,
  endTime: Nstr,
  startEvent: Nstr,
  endEvent: Nstr,
});

export const Ed269Applicability = z.object({
  permanent: Nstr,
  startDateTime: Nstr,
  endDateTime: Nstr,
  schedule: z.array(Ed269Daily).nullish(),
  dailyPeriod: z.array(Ed269Daily).nullish(),
});

export const Ed269Authority = z.object({
  name: Nstr,
  service: Nstr,
  email: Nstr,
  contactName: Nstr,
  siteURL: Nstr,
  phone: Nstr,
  purpose: Nstr,
  intervalBefore: Nstr,
});

const Limit = z.union([z.number(), z.string()]).nullish();

export const Ed269Volume = z.object({
  uomDimensions: Nstr,
  lowerLimit: Limit,
  lowerVerticalReference: Nstr,
  upperLimit: Limit,
  upperVerticalReference: Nstr,
  horizontalProjection: z.object({
    type: z.string(),
    coordinates: z.unknown().optional(),
    center: z.unknown().optional(),
    radius: z.unknown().optional(),
  }),
});
export type Ed269Volume = z.infer<typeof Ed269Volume>;

export const Ed269Zone = z.object({
  identifier: z.string().min(1),
  country: z.string().min(1),
  name: Nstr,
  type: Nstr,
  restriction: z.string(),
  restrictionConditions: z.union([z.string(), z.array(z.string())]).nullish(),
  region: z.number().nullish(),
  // A code or a list: publishers write both (read with a warning in ed269-conditions.ts / the importer).
  reason: z.union([z.string(), z.array(z.string())]).nullish(),
  otherReasonInfo: Nstr,
  regulationExemption: Nstr,
  uSpaceClass: z.union([z.string(), z.array(z.string())]).nullish(),
  message: Nstr,
  applicability: z.array(Ed269Applicability).nullish(),
  zoneAuthority: z.array(Ed269Authority).nullish(),
  geometry: z.array(Ed269Volume).min(1, 'a zone needs at least one airspace volume'),
  extendedProperties: z.record(z.string(), z.unknown()).nullish(),
});
export type Ed269Zone = z.infer<typeof Ed269Zone>;

export const Ed269File = z.union([
  z.object({ formatVersion: Nstr, createdAt: Nstr, UASZoneList: z.array(z.unknown()) }),
  z.object({ title: Nstr, description: Nstr, features: z.array(z.unknown()) }),
]);

function readLimit(raw: string | number | null | undefined, ctx: ReadContext, field: string): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value)) return fail(ctx, field, `expected a number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Single ring `[[lon, lat], …]` or rings `[[[lon, lat], …]]`: ED-269 writers use both. */
function ringsOf(coordinates: unknown): unknown {
  if (Array.isArray(coordinates) && Array.isArray(coordinates[0]) && typeof coordinates[0][0] === 'number') {
    return [coordinates];
  }
  return coordinates;
}

/** One ED-269 airspace volume: horizontal projection (Circle or Polygon) with its limits. */
export function readEd269Volume(raw: Ed269Volume, ctx: ReadContext, field: string): Volume {
  const { unit, scale } = uomFromCode(raw.uomDimensions, ctx, `${field}.uomDimensions`);
  const lowerRaw = readLimit(raw.lowerLimit, ctx, `${field}.lowerLimit`);
  const upperRaw = readLimit(raw.upperLimit, ctx, `${field}.upperLimit`);
  const lowerRef = raw.lowerVerticalReference
    ? refFromCode(raw.lowerVerticalReference, ctx, `${field}.lowerVerticalReference`)
    : 'AGL';
  const lower: Altitude = { value: (lowerRaw ?? 0) * scale, unit, ref: lowerRef };
  let upper: Altitude | null = null;
  if (upperRaw !== null) {
    const ref = raw.upperVerticalReference
      ? refFromCode(raw.upperVerticalReference, ctx, `${field}.upperVerticalReference`)
      : lowerRef;
    upper = { value: upperRaw * scale, unit, ref };
    if (ref === lowerRef && lengthToMetres(lower) > lengthToMetres(upper)) {
      fail(ctx, `${field}.lowerLimit`, `lower limit ${lowerRaw} is above the upper limit ${upperRaw}`);
    }
  }
  const hp = raw.horizontalProjection;
  const hpField = `${field}.horizontalProjection`;
  if (hp.type === 'Circle') {
    const center = readPosition(hp.center, ctx, `${hpField}.center`);
    return { geometry: makeCircle(center, hp.radius, ctx, `${hpField}.radius`), lower, upper };
  }
  if (hp.type !== 'Polygon')
    return fail(ctx, `${hpField}.type`, `unsupported projection "${hp.type}" (expected Circle or Polygon)`);
  return {
    geometry: readPolygonal({ type: 'Polygon', coordinates: ringsOf(hp.coordinates) }, ctx, hpField),
    lower,
    upper,
  };
}

/** Parses an ED-269 file header; the zones stay raw for per-zone error reporting. */
export function readEd269File(
  input: unknown,
  ctx: ReadContext,
): { layout: 'UASZoneList' | 'features'; zones: unknown[]; title?: string } {
  const rec = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (!Array.isArray(rec.UASZoneList) && !Array.isArray(rec.features)) {
    return fail(ctx, 'UASZoneList', 'an ED-269 file needs a UASZoneList or features array');
  }
  const file = parseAt(Ed269File, input, ctx, '');
  if ('UASZoneList' in file) return { layout: 'UASZoneList', zones: file.UASZoneList };
  return { layout: 'features', zones: file.features, ...(file.title ? { title: file.title } : {}) };
}
