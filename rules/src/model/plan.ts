import { z } from 'zod';
import { altitudeIssue, LonLat, RouteWaypoint } from './geo.js';
import { Permission } from './permission.js';
import { Instant } from './time.js';
import { AltitudeRef, Mass, MoneyHKD, Speed } from './units.js';
import { Zone } from './zone.js';

export const Equipment = z
  .object({
    flightLog: z.boolean(),
    geoAwareness: z.boolean(),
    failSafe: z.boolean(),
    remoteId: z.boolean(),
  })
  .meta({ id: 'Equipment' });
export type Equipment = z.infer<typeof Equipment>;

export const Aircraft = z
  .object({
    model: z.string().optional(),
    mass: Mass.describe('take-off mass: the heaviest the aircraft is at any time during the flight'),
    maxDimensionM: z.number().positive().describe('longest dimension of the aircraft, metres'),
    rotorTipSpanM: z
      .number()
      .positive()
      .optional()
      .describe('longest distance between any two rotor-blade tips, metres'),
    equipment: Equipment,
    registration: z.string().min(1).nullable().describe('CAD registration number; null when unregistered'),
    labelled: z.boolean().describe('the CAD label is displayed on the aircraft'),
    a1Exemption: z.boolean().default(false).describe('an exempted model flown as "Category A1 under exemption"'),
  })
  .meta({ id: 'Aircraft' });
export type Aircraft = z.infer<typeof Aircraft>;

export const RemotePilot = z
  .object({
    name: z.string().optional(),
    age: z.number().int().min(0).max(130),
    registered: z.boolean(),
    advancedRating: z.boolean(),
  })
  .meta({ id: 'RemotePilot' });
export type RemotePilot = z.infer<typeof RemotePilot>;

export const ResponsiblePerson = z
  .object({
    name: z.string().optional(),
    age: z.number().int().min(0).max(130),
    registered: z.boolean(),
    insurance: MoneyHKD.nullable().describe('third-party (bodily injury / death) cover; null when none'),
  })
  .meta({ id: 'ResponsiblePerson' });
export type ResponsiblePerson = z.infer<typeof ResponsiblePerson>;

export const Purpose = z.enum([
  'recreation',
  'photography',
  'inspection',
  'delivery',
  'survey',
  'rescue',
  'surveillance',
  'research',
  'training',
  'other',
]);

export const Operation = z
  .object({
    purpose: Purpose,
    vlos: z.boolean().describe('full-time unaided visual line of sight is planned'),
    pilotPosition: LonLat.describe('where the remote pilot stands'),
    aircraftPerPilot: z.number().int().positive(),
    dangerousGoods: z.boolean(),
    droppingArticles: z.boolean(),
    carriesPersonsOrAnimals: z.boolean(),
    whollyInEnclosedArea: z.boolean(),
    minDistanceFromUninvolvedM: z
      .number()
      .nonnegative()
      .describe('the closest the aircraft will come to uninvolved people, structures, vehicles or vessels'),
  })
  .meta({ id: 'Operation' });
export type Operation = z.infer<typeof Operation>;

/** The codes an import uses to say how it read a route's altitudes (worded by the message catalogues). */
export const ALTITUDE_CONVERSION_CODES = [
  'assumption.altitude-launch-ground',
  'assumption.altitude-launch-home',
  'assumption.altitude-launch-as-agl',
  'assumption.altitude-launch-outside-model',
  'assumption.altitude-terrain-ground',
  'assumption.altitude-terrain-home',
  'assumption.altitude-as-agl',
  'assumption.altitude-as-amsl',
  'assumption.altitude-ellipsoid',
  'assumption.altitude-clamped',
  'assumption.altitude-default',
] as const;

/** How an importer brought some of a file's altitudes to the route's reference; listed in the report's assumptions. */
export const AltitudeConversion = z
  .object({
    code: z.enum(ALTITUDE_CONVERSION_CODES),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('format, items (which waypoints or fields), and the heights and model the conversion used'),
  })
  .strict()
  .meta({ id: 'AltitudeConversion' });
export type AltitudeConversion = z.infer<typeof AltitudeConversion>;

/** Route: a GeoJSON LineString of [lon, lat, alt] with alt in metres above the stated reference. */
export const Route = z
  .object({
    type: z.literal('LineString'),
    coordinates: z.array(RouteWaypoint).min(2, 'a route needs at least two waypoints'),
    altitudeRef: AltitudeRef,
    legSpeeds: z.array(Speed).optional().describe('one ground speed per leg (waypoints − 1)'),
    waypointTimesS: z
      .array(z.number().nonnegative())
      .optional()
      .describe('seconds after start at each waypoint (alternative to legSpeeds)'),
    hoverS: z.array(z.number().nonnegative()).optional().describe('hover time at each waypoint, seconds'),
    altitudeConversions: z
      .array(AltitudeConversion)
      .max(50)
      .optional()
      .describe(
        "set by a file import: how the file's altitudes (relative to launch, AGL, AMSL, ellipsoid…) were brought to altitudeRef; each is listed among the report's assumptions",
      ),
  })
  .superRefine((r, ctx) => {
    const n = r.coordinates.length;
    for (const [i, [, , alt]] of r.coordinates.entries()) {
      const issue = altitudeIssue(alt, r.altitudeRef);
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['coordinates', i, 2] });
    }
    if (!r.legSpeeds && !r.waypointTimesS)
      ctx.addIssue({ code: 'custom', message: 'give legSpeeds or waypointTimesS', path: ['legSpeeds'] });
    if (r.legSpeeds && r.legSpeeds.length !== n - 1)
      ctx.addIssue({
        code: 'custom',
        message: `expected ${n - 1} leg speeds, got ${r.legSpeeds.length}`,
        path: ['legSpeeds'],
      });
    if (r.waypointTimesS) {
      if (r.waypointTimesS.length !== n)
        ctx.addIssue({
          code: 'custom',
          message: `expected ${n} waypoint times, got ${r.waypointTimesS.length}`,
          path: ['waypointTimesS'],
        });
      for (let i = 1; i < r.waypointTimesS.length; i++)
        if (r.waypointTimesS[i] < r.waypointTimesS[i - 1])
          ctx.addIssue({ code: 'custom', message: 'waypoint times must not decrease', path: ['waypointTimesS', i] });
    }
    if (r.hoverS && r.hoverS.length !== n)
      ctx.addIssue({ code: 'custom', message: `expected ${n} hover times, got ${r.hoverS.length}`, path: ['hoverS'] });
  })
  .meta({ id: 'Route' });
export type Route = z.infer<typeof Route>;

export const FlightPlan = z
  .object({
    $schema: z.string().optional(),
    id: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    aircraft: Aircraft,
    pilot: RemotePilot,
    responsiblePerson: ResponsiblePerson,
    operation: Operation,
    route: Route,
    start: Instant.describe('take-off time with UTC offset'),
    permissions: z
      .array(z.union([z.string(), Permission]))
      .default([])
      .describe('declared permissions: ids of known permissions or sandbox projects, or inline objects'),
    extraZones: z.array(Zone).default([]).describe('temporary restrictions and other zones to add'),
  })
  .meta({ id: 'FlightPlan' });
export type FlightPlan = z.infer<typeof FlightPlan>;
export type FlightPlanInput = z.input<typeof FlightPlan>;
