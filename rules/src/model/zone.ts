import { z } from 'zod';
import { Provision } from './citation.js';
import { ZoneGeometry } from './geo.js';
import { LocalizedText } from './text.js';
import { Timing } from './time.js';
import { Altitude } from './units.js';

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
    designatedBy: z.string().optional(),
    description: LocalizedText.optional(),
    provenance: Provenance,
  })
  .meta({ id: 'Zone' });
export type Zone = z.infer<typeof Zone>;
export type ZoneInput = z.input<typeof Zone>;
