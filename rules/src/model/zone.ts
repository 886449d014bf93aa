import { z } from 'zod';
import { Provision } from './citation.js';
import { ZoneGeometry } from './geo.js';
import { LocalizedText } from './text.js';
import { Timing } from './time.js';
import { Altitude } from './units.js';
import { normaliseRings, verticalIssues, zoneGeometryIssues } from './zone-geometry.js';

export const ZoneClass = z
  .enum([
    'airport',
    'airfield',
    'heliport',
    'harbour',
    'security-facility',
    'hill-site',
    'prohibition-448e',
    'aip-prohibited',
    'aip-restricted',
    'aip-danger',
    'temporary-restriction',
    'sandbox-corridor',
    'hksar-boundary',
    'enclosed-area',
    'crowd',
    'operator-geofence',
  ])
  .meta({ id: 'ZoneClass' });
export type ZoneClass = z.infer<typeof ZoneClass>;

/**
 * What being inside the zone means in law:
 * - restricted-flying-zone: Cap. 448G s.18, flight needs CAD permission;
 * - prohibition: no permission under the SUA Order cures it (Cap. 448E Penny's Bay);
 * - advisory: informative for SUA (e.g. eAIP areas for manned aviation);
 * - boundary: the HKSAR boundary (leaving it is a cross-boundary flight);
 * - sandbox-corridor: an area or corridor of a sandbox project;
 * - enclosed-area: a space the aircraft cannot leave (s.6);
 * - uninvolved-persons: people not involved in the flight (e.g. a crowd), for lateral distance.
 */
export const ZoneEffect = z
  .enum([
    'restricted-flying-zone',
    'prohibition',
    'advisory',
    'boundary',
    'sandbox-corridor',
    'enclosed-area',
    'uninvolved-persons',
  ])
  .meta({ id: 'ZoneEffect' });
export type ZoneEffect = z.infer<typeof ZoneEffect>;

export const Accuracy = z.enum(['official', 'derived', 'approximate', 'placeholder', 'user']).meta({ id: 'Accuracy' });
export type Accuracy = z.infer<typeof Accuracy>;

export const Provenance = z
  .object({
    accuracy: Accuracy,
    source: z.string().min(1).describe('URL or document the geometry and facts come from'),
    note: z.string().optional(),
    illustrative: z.boolean().optional().describe('true when details were invented for illustration'),
  })
  .meta({ id: 'Provenance' });
export type Provenance = z.infer<typeof Provenance>;

/** Operation types as zone publishers name them: within, or beyond, visual line of sight. */
export const SightOperation = z.enum(['VLOS', 'BVLOS']).meta({ id: 'SightOperation' });
export type SightOperation = z.infer<typeof SightOperation>;

const codes = (what: string) => z.array(z.string().min(1)).min(1).optional().describe(what);

/**
 * Which flights a zone applies to, as its publisher states it. `categories` and `operations` have a meaning in
 * Hong Kong law (the Cap. 448G categories; full-time VLOS, Schedule 2) and limit the zone to those flights; the
 * rest has none here: it is kept, shown, and stated in every report whose route meets the zone.
 */
export const ZoneConditions = z
  .object({
    categories: z
      .array(z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, 'category id: an upper-case letter, then letters or digits'))
      .min(1)
      .optional()
      .describe('the SUA categories (rulebook category ids) the zone applies to; absent: every category'),
    operations: z
      .array(SightOperation)
      .min(1)
      .optional()
      .describe('the operation types the zone applies to (VLOS, BVLOS); absent: both'),
    uSpaceClasses: codes('ED-269 U-space classes (e.g. EUROCONTROL, CORUS): no meaning in Hong Kong law'),
    uasClasses: codes('EU UAS class marks (C0 to C6): no meaning in Hong Kong law'),
    uasCategories: codes('EU operation categories (OPEN, SPECIFIC, CERTIFIED): no meaning in Hong Kong law'),
    other: codes('conditions as written (e.g. ED-269 restrictionConditions codes) that are not evaluated'),
  })
  .strict()
  .meta({ id: 'ZoneConditions' });
export type ZoneConditions = z.infer<typeof ZoneConditions>;

/** The facts of a flight that zone conditions can be judged on. */
export interface ConditionFlight {
  category: string;
  vlos: boolean;
}

/** Whether the zone's Hong Kong-meaningful conditions include this flight (no conditions: every flight). */
export function zoneAppliesToFlight(conditions: ZoneConditions | undefined, flight: ConditionFlight): boolean {
  if (!conditions) return true;
  if (conditions.categories && !conditions.categories.includes(flight.category)) return false;
  if (conditions.operations && !conditions.operations.includes(flight.vlos ? 'VLOS' : 'BVLOS')) return false;
  return true;
}

/** The conditions not evaluated under Hong Kong law, as short labels ("U-space class CORUS", "RST02"). */
export function unevaluatedConditions(conditions: ZoneConditions | undefined): string[] {
  if (!conditions) return [];
  const { uSpaceClasses = [], uasClasses = [], uasCategories = [], other = [] } = conditions;
  return [
    ...(uSpaceClasses.length ? [`U-space class ${uSpaceClasses.join(' or ')}`] : []),
    ...(uasClasses.length ? [`UAS class ${uasClasses.join(' or ')}`] : []),
    ...(uasCategories.length ? [`EU category ${uasCategories.join(' or ')}`] : []),
    ...other,
  ];
}

export const Zone = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'zone id: letters, digits, _ . : -'),
    name: LocalizedText,
    class: ZoneClass,
    effect: ZoneEffect,
    legalBasis: Provision.optional(),
    geometry: ZoneGeometry,
    lower: Altitude,
    upper: Altitude.nullable().describe('null: no upper limit'),
    timing: Timing.optional().describe('absent: always active'),
    appliesTo: z.enum(['SUA', 'ALL_AIRCRAFT']).default('SUA'),
    conditions: ZoneConditions.optional().describe('absent: the zone applies to every flight'),
    fence: z
      .enum(['inclusion', 'exclusion'])
      .optional()
      .describe(
        "the operator's own geofence (e.g. a QGroundControl plan's geoFence): the flight keeps inside an inclusion area and out of an exclusion area; checked as advice, not law",
      ),
    designatedBy: z.string().optional(),
    description: LocalizedText.optional(),
    provenance: Provenance,
  })
  // Geometry the index can use as it stands: see zone-geometry.ts for the limits and why.
  .superRefine((zone, ctx) => {
    for (const issue of [...zoneGeometryIssues(zone.geometry), ...verticalIssues(zone.lower, zone.upper)])
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .overwrite((zone) => ({ ...zone, geometry: normaliseRings(zone.geometry) }))
  .meta({ id: 'Zone' });
export type Zone = z.infer<typeof Zone>;
export type ZoneInput = z.input<typeof Zone>;
