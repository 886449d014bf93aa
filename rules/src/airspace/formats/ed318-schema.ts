import { z } from 'zod';
import { Instant } from '../../model/time.js';
import { type Altitude, lengthToMetres } from '../../model/units.js';
import { refFromCode, uomFromCode } from './codes.js';
import { fail, parseAt, type ReadContext, warn } from './errors.js';

/*
 * Lenient zod shapes of ED-318 (EUROCAE ED-318 GeoZone JSON, github.com/UASGeoZones/ED-318). They check
 * what we read; unknown members are tolerated (extensions), codes are mapped in codes.ts with their own errors.
 */

const Text = z.object({ text: z.string().optional(), lang: z.string().optional() });
export const TextList = z.array(Text);

export const Ed318Layer = z.object({
  upper: z.number().nullish(),
  upperReference: z.string().nullish(),
  lower: z.number().nullish(),
  lowerReference: z.string().nullish(),
  uom: z.string().nullish(),
});

export const Ed318DailyPeriod = z.object({
  day: z.array(z.string()).nullish(),
  startTime: z.string().nullish(),
  startEvent: z.string().nullish(),
  endTime: z.string().nullish(),
  endEvent: z.string().nullish(),
});

export const Ed318TimePeriod = z.object({
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
  schedule: z.array(Ed318DailyPeriod).nullish(),
});
export type Ed318TimePeriod = z.infer<typeof Ed318TimePeriod>;

export const Ed318Authority = z.object({
  name: TextList.optional(),
  service: TextList.optional(),
  contactName: TextList.optional(),
  siteURL: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  purpose: z.string().optional(),
  intervalBefore: z.string().optional(),
});

export const Ed318Properties = z.object({
  identifier: z.string().min(1),
  country: z.string().min(1),
  name: TextList.optional(),
  type: z.string(),
  variant: z.string().optional(),
  // ED-318 has one string; publishers also write a list (read with a warning).
  restrictionConditions: z.union([z.string(), z.array(z.string())]).optional(),
  // Not an ED-318 member: files converted from ED-269 carry it; kept as the zone's U-space classes.
  uSpaceClass: z.union([z.string(), z.array(z.string())]).optional(),
  region: z.number().optional(),
  reason: z.array(z.string()).optional(),
  otherReasonInfo: TextList.optional(),
  regulationExemption: z.string().optional(),
  message: TextList.optional(),
  zoneAuthority: z.array(Ed318Authority).min(1, 'at least one zone authority is required'),
  limitedApplicability: z.array(Ed318TimePeriod).optional(),
  dataSource: z.unknown().optional(),
  extendedProperties: z.record(z.string(), z.unknown()).optional(),
});
export type Ed318Properties = z.infer<typeof Ed318Properties>;

export const Ed318Metadata = z.object({
  validFrom: Instant.optional(),
  validTo: Instant.optional(),
  issued: Instant.optional(),
  provider: TextList.optional(),
  description: TextList.optional(),
  otherGeoid: z.string().optional(),
});

export const Ed318Collection = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string().optional(),
  title: z.string().optional(),
  metadata: Ed318Metadata.optional(),
  features: z.array(z.unknown()),
});

export const Ed318Feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.record(z.string(), z.unknown(), { error: 'a zone needs a geometry object' }),
  properties: z.record(z.string(), z.unknown(), { error: 'a zone needs a properties object' }),
});

/** Vertical limits from an ED-318 `layer` (absent: surface to unlimited, with a warning). */
export function readLayer(raw: unknown, ctx: ReadContext, field: string): { lower: Altitude; upper: Altitude | null } {
  if (raw === undefined || raw === null) {
    warn(ctx, `${field}: no layer; surface to unlimited assumed`);
    return { lower: { value: 0, unit: 'm', ref: 'AGL' }, upper: null };
  }
  const layer = parseAt(Ed318Layer, raw, ctx, field);
  const { unit, scale } = uomFromCode(layer.uom, ctx, `${field}.uom`);
  const lowerRef = layer.lowerReference ? refFromCode(layer.lowerReference, ctx, `${field}.lowerReference`) : 'AGL';
  if (!layer.lowerReference && layer.lower) warn(ctx, `${field}.lowerReference: missing; AGL assumed`);
  const lower: Altitude = { value: (layer.lower ?? 0) * scale, unit, ref: lowerRef };
  if (layer.upper === undefined || layer.upper === null) return { lower, upper: null };
  let upperRef = lowerRef;
  if (layer.upperReference) upperRef = refFromCode(layer.upperReference, ctx, `${field}.upperReference`);
  else warn(ctx, `${field}.upperReference: missing; ${lowerRef} assumed`);
  const upper: Altitude = { value: layer.upper * scale, unit, ref: upperRef };
  if (lower.ref === upper.ref && lengthToMetres(lower) > lengthToMetres(upper)) {
    return fail(ctx, `${field}.lower`, `lower limit ${layer.lower} is above the upper limit ${layer.upper}`);
  }
  return { lower, upper };
}

const FT_PER_M = 1 / 0.3048;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** An ED-318 `layer`: one unit for both limits (the upper limit's, else the lower's). */
export function layerOut(lower: Altitude, upper: Altitude | null, onWarning?: (m: string) => void) {
  const uom = upper?.unit ?? lower.unit;
  let lowerValue = lower.value;
  if (lower.unit !== uom) {
    lowerValue = round2(uom === 'ft' ? lower.value * FT_PER_M : lower.value / FT_PER_M);
    if (lower.value !== 0) onWarning?.(`lower limit converted from ${lower.unit} to ${uom}`);
  }
  return {
    ...(upper ? { upper: upper.value, upperReference: upper.ref } : {}),
    lower: lowerValue,
    lowerReference: lower.ref,
    uom,
  };
}
