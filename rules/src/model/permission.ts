import { z } from 'zod';
import { Provision } from './citation.js';
import { LonLat, MultiPolygonGeometry, PolygonGeometry } from './geo.js';
import { Category } from './rulebook.js';
import { LocalizedText } from './text.js';
import { DailyPeriod, TimeWindow } from './time.js';
import { PermissionTrigger } from './trigger.js';
import { Altitude, Mass, Speed } from './units.js';
import { Provenance } from './zone.js';

/** A corridor: a centre line and a lateral buffer on each side. */
export const CorridorArea = z
  .object({ type: z.literal('Corridor'), line: z.array(LonLat).min(2), halfWidthM: z.number().positive() })
  .meta({ id: 'CorridorArea' });
export type CorridorArea = z.infer<typeof CorridorArea>;

export const PermissionArea = z
  .discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry, CorridorArea])
  .meta({ id: 'PermissionArea' });
export type PermissionArea = z.infer<typeof PermissionArea>;

export const AircraftEnvelope = z
  .object({
    maxMass: Mass,
    categories: z.array(Category).min(1).optional().describe("category ids of the rulebook's classification"),
    models: z.array(z.string()).min(1).optional().describe('permitted aircraft models; absent: any'),
  })
  .meta({ id: 'AircraftEnvelope' });
export type AircraftEnvelope = z.infer<typeof AircraftEnvelope>;

/** Extra conditions a permission imposes; breaking one is a finding of its own. */
export const PermissionConditions = z
  .object({
    maxHeight: Altitude.optional(),
    maxSpeed: Speed.optional(),
    maxAircraftPerPilot: z.number().int().positive().optional(),
    requireFailSafe: z.boolean().optional(),
    requireRemoteId: z.boolean().optional(),
    requireAdvancedRating: z.boolean().optional(),
    minInsuranceHKD: z.number().nonnegative().optional(),
  })
  .meta({ id: 'PermissionConditions' });
export type PermissionConditions = z.infer<typeof PermissionConditions>;

/**
 * A CAD permission or a sandbox pilot project. Inside its envelope (area, altitude band, time, aircraft)
 * it covers the listed triggers; outside it, it covers nothing.
 */
export const Permission = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
    kind: z.enum(['cad-permission', 'sandbox-project']),
    title: LocalizedText,
    holder: z.string().optional(),
    scenario: z
      .enum(['delivery', 'inspection', 'rescue', 'surveillance', 'infrastructure', 'research', 'other'])
      .optional(),
    area: PermissionArea,
    altitudeBand: z.object({ lower: Altitude, upper: Altitude }),
    validity: z.array(TimeWindow).min(1),
    daily: z.array(DailyPeriod).optional(),
    aircraft: AircraftEnvelope,
    covers: z.array(PermissionTrigger).min(1),
    conditions: PermissionConditions.default({}),
    legalBasis: Provision,
    provenance: Provenance,
  })
  .meta({ id: 'Permission' });
export type Permission = z.infer<typeof Permission>;
export type PermissionInput = z.input<typeof Permission>;
