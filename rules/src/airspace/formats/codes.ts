import type { AltitudeRef, LengthUnit } from '../../model/units.js';
import type { ZoneClass, ZoneEffect } from '../../model/zone.js';
import { fail, type ReadContext, warn } from './errors.js';

/*
 * How ED-269 / ED-318 codes map to our model (and back).
 *
 * Restriction (ED-269 `restriction`, ED-318 `type`)  → effect
 * | code                                   | import                  | export from effect                          |
 * |----------------------------------------|-------------------------|---------------------------------------------|
 * | PROHIBITED                             | prohibition             | prohibition                                 |
 * | REQ_AUTHORISATION (269) / _IZATION (318)| restricted-flying-zone | restricted-flying-zone (spelling per format)|
 * | CONDITIONAL                            | advisory (+ warning)    | sandbox-corridor, uninvolved-persons        |
 * | NO_RESTRICTION                         | advisory                | advisory, boundary, enclosed-area           |
 * | USPACE (318 only)                      | advisory (+ warning)    | —                                           |
 *
 * Reason → class on import (first rule that matches; an extension block from our own export wins):
 * | reasons contain            | class                                                                    |
 * |----------------------------|--------------------------------------------------------------------------|
 * | EMERGENCY                  | temporary-restriction                                                    |
 * | SENSITIVE or PRIVACY       | security-facility                                                        |
 * | AIR_TRAFFIC                | airport (airfield/heliport/harbour cannot be told apart)                 |
 * | POPULATION                 | crowd                                                                    |
 * | anything else / none       | temporary-restriction when the zone has an end date, else by restriction: |
 * |                            | PROHIBITED → aip-prohibited, REQ_AUTH… → aip-restricted, else aip-danger |
 *
 * Class → reason on export:
 * | class                                                 | reason      |
 * |-------------------------------------------------------|-------------|
 * | airport, airfield, heliport, harbour                  | AIR_TRAFFIC |
 * | security-facility, hill-site, prohibition-448e        | SENSITIVE   |
 * | crowd                                                 | POPULATION  |
 * | aip-*, temporary-restriction, sandbox-corridor, enclosed-area, hksar-boundary | OTHER |
 *
 * Vertical reference: AGL (also SFC, GND) → AGL; AMSL (also MSL, ALT) → AMSL; WGS84/W84 (ellipsoidal height)
 * and STD (pressure altitude) → AMSL with a warning, since the model has no such datum.
 * Unit of measure: m / ft (any case); FL → feet × 100 with a warning; missing → m (ED-318 default).
 */

export type Dialect = 'ed269' | 'ed318';

const RESTRICTIONS = [
  'PROHIBITED',
  'REQ_AUTHORISATION',
  'REQ_AUTHORIZATION',
  'CONDITIONAL',
  'NO_RESTRICTION',
  'USPACE',
];

export function effectFromRestriction(code: string, ctx: ReadContext, field: string): ZoneEffect {
  switch (code) {
    case 'PROHIBITED':
      return 'prohibition';
    case 'REQ_AUTHORISATION':
    case 'REQ_AUTHORIZATION':
      return 'restricted-flying-zone';
    case 'NO_RESTRICTION':
      return 'advisory';
    case 'CONDITIONAL':
      warn(ctx, `${field}: CONDITIONAL imported as advisory; its conditions are kept in the description only`);
      return 'advisory';
    case 'USPACE':
      warn(ctx, `${field}: USPACE imported as advisory (U-space airspace has no meaning under Cap. 448G)`);
      return 'advisory';
    default:
      return fail(ctx, field, `unknown restriction "${code}" (expected one of ${RESTRICTIONS.join(', ')})`);
  }
}

export function restrictionFromEffect(effect: ZoneEffect, dialect: Dialect): string {
  switch (effect) {
    case 'prohibition':
      return 'PROHIBITED';
    case 'restricted-flying-zone':
      return dialect === 'ed269' ? 'REQ_AUTHORISATION' : 'REQ_AUTHORIZATION';
    case 'sandbox-corridor':
    case 'uninvolved-persons':
      return 'CONDITIONAL';
    default:
      return 'NO_RESTRICTION';
  }
}

/** ED-318 zoneReason plus ED-269's FOREIGN_TERRITORY. */
export const REASONS = [
  'AIR_TRAFFIC',
  'SENSITIVE',
  'PRIVACY',
  'POPULATION',
  'NATURE',
  'NOISE',
  'EMERGENCY',
  'DAR',
  'FOREIGN_TERRITORY',
  'OTHER',
] as const;

export function classFromReasons(
  reasons: readonly string[],
  effect: ZoneEffect,
  hasEndDate: boolean,
  ctx: ReadContext,
  field: string,
): ZoneClass {
  reasons.forEach((r, i) => {
    if (!(REASONS as readonly string[]).includes(r)) warn(ctx, `${field}[${i}]: unknown reason "${r}" ignored`);
  });
  const has = (r: string) => reasons.includes(r);
  if (has('EMERGENCY')) return 'temporary-restriction';
  if (has('SENSITIVE') || has('PRIVACY')) return 'security-facility';
  if (has('AIR_TRAFFIC')) return 'airport';
  if (has('POPULATION')) return 'crowd';
  if (hasEndDate) return 'temporary-restriction';
  if (effect === 'prohibition') return 'aip-prohibited';
  if (effect === 'restricted-flying-zone') return 'aip-restricted';
  return 'aip-danger';
}

export function reasonsFromClass(zoneClass: ZoneClass): string[] {
  switch (zoneClass) {
    case 'airport':
    case 'airfield':
    case 'heliport':
    case 'harbour':
      return ['AIR_TRAFFIC'];
    case 'security-facility':
    case 'hill-site':
    case 'prohibition-448e':
      return ['SENSITIVE'];
    case 'crowd':
      return ['POPULATION'];
    default:
      return ['OTHER'];
  }
}

export function refFromCode(code: string, ctx: ReadContext, field: string): AltitudeRef {
  switch (code.toUpperCase()) {
    case 'AGL':
    case 'SFC':
    case 'GND':
      return 'AGL';
    case 'AMSL':
    case 'MSL':
    case 'ALT':
      return 'AMSL';
    case 'WGS84':
    case 'W84':
      warn(ctx, `${field}: ${code} is an ellipsoidal height; treated as AMSL (geoid undulation ignored)`);
      return 'AMSL';
    case 'STD':
      warn(ctx, `${field}: STD (pressure altitude) treated as AMSL`);
      return 'AMSL';
    default:
      return fail(ctx, field, `unknown vertical reference "${code}" (expected AGL, AMSL or WGS84)`);
  }
}

/** A unit of measure and the factor that turns a number in it into that unit (FL 10 → 1,000 ft). */
export interface Uom {
  unit: LengthUnit;
  scale: number;
}

export function uomFromCode(code: string | undefined | null, ctx: ReadContext, field: string): Uom {
  if (code === undefined || code === null) return { unit: 'm', scale: 1 };
  switch (code.toUpperCase()) {
    case 'M':
      return { unit: 'm', scale: 1 };
    case 'FT':
      return { unit: 'ft', scale: 1 };
    case 'FL':
      warn(ctx, `${field}: flight levels converted to feet (FL × 100), standard pressure not modelled`);
      return { unit: 'ft', scale: 100 };
    default:
      return fail(ctx, field, `unknown unit of measure "${code}" (expected m or ft)`);
  }
}

/** ED zoneAuthority purpose for an effect: who to ask, or just information. */
export function purposeFromEffect(effect: ZoneEffect): 'AUTHORIZATION' | 'INFORMATION' {
  return effect === 'restricted-flying-zone' ? 'AUTHORIZATION' : 'INFORMATION';
}

/** Our default when a zone has no `designatedBy`: the authority that designates most HK zones. */
export const DEFAULT_AUTHORITY = 'Civil Aviation Department, Hong Kong';
