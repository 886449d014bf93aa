import { z } from 'zod';
import { LonLat } from '../model/geo.js';
import { LocalizedText } from '../model/text.js';
import { DailyPeriod } from '../model/time.js';
import { Altitude } from '../model/units.js';

/**
 * The air-route network and vertiports as data (rules/data/traffic/routes.yaml). Sandbox X trials flights
 * "within pre-defined air routes" and the action plan names vertiports, air-route networks and waypoints
 * (hk-drone-law.md §4.4, §6.1); no official geometry is published, so invented values are marked
 * `provenance.illustrative: true`. Names are {en, zh}, as zone names are; ids are the same in both languages.
 */
export const DataProvenance = z
  .object({
    accuracy: z.enum(['official', 'approximate', 'illustrative']),
    source: z.url(),
    note: z.string().min(1),
    illustrative: z.boolean(),
  })
  .strict()
  .meta({ id: 'DataProvenance' });

export const Waypoint = z
  .object({
    id: z.string().min(1),
    name: LocalizedText,
    kind: z.enum(['fix', 'boundary-handover']),
    position: LonLat,
    provenance: DataProvenance,
  })
  .strict()
  .meta({ id: 'Waypoint' });
export type Waypoint = z.infer<typeof Waypoint>;

/** A vertiport's approach or departure volume: a circle about the pad and a vertical band. */
export const TerminalVolume = z
  .object({ radiusM: z.number().positive(), lower: Altitude, upper: Altitude })
  .strict()
  .refine((v) => v.lower.ref === v.upper.ref, { message: 'lower and upper need the same reference', path: ['upper'] })
  .meta({ id: 'TerminalVolume' });
export type TerminalVolume = z.infer<typeof TerminalVolume>;

export const Vertiport = z
  .object({
    id: z.string().min(1),
    name: LocalizedText,
    pad: z.object({ center: LonLat, diameterM: z.number().positive() }).strict(),
    approach: TerminalVolume,
    departure: TerminalVolume,
    capacity: z.number().int().positive().describe('movements (arrivals + departures) per slot'),
    slotLengthS: z.number().int().positive(),
    hours: z.array(DailyPeriod).optional().describe('open only during these local periods; always when absent'),
    provenance: DataProvenance,
  })
  .strict()
  .meta({ id: 'Vertiport' });
export type Vertiport = z.infer<typeof Vertiport>;

export const RouteDirection = z.enum(['forward', 'reverse']);
export type RouteDirection = z.infer<typeof RouteDirection>;

export const AltitudeLayer = z
  .object({ direction: RouteDirection, lower: Altitude, upper: Altitude })
  .strict()
  .meta({ id: 'AltitudeLayer' });
export type AltitudeLayer = z.infer<typeof AltitudeLayer>;

export const AirRoute = z
  .object({
    id: z.string().min(1),
    name: LocalizedText,
    points: z
      .array(z.string().min(1))
      .min(2)
      .describe('centreline: ids of vertiports (their pad) and waypoints; forward is first → last'),
    halfWidthM: z.number().positive(),
    layers: z.array(AltitudeLayer).min(1).describe('one altitude layer per direction flown'),
    hours: z.array(DailyPeriod).optional().describe('open only during these local periods; always when absent'),
    crossBoundary: z.boolean(),
    provenance: DataProvenance,
  })
  .strict()
  .meta({ id: 'AirRoute' });
export type AirRoute = z.infer<typeof AirRoute>;

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

export const RouteNetwork = z
  .object({
    $schema: z.string().optional(),
    waypoints: z.array(Waypoint),
    vertiports: z.array(Vertiport),
    routes: z.array(AirRoute),
  })
  .strict()
  .superRefine((n, ctx) => {
    const ids = [...n.waypoints.map((w) => w.id), ...n.vertiports.map((v) => v.id)];
    for (const id of duplicates(ids)) ctx.addIssue({ code: 'custom', message: `duplicate point id "${id}"`, path: [] });
    for (const id of duplicates(n.routes.map((r) => r.id)))
      ctx.addIssue({ code: 'custom', message: `duplicate route id "${id}"`, path: ['routes'] });
    n.routes.forEach((r, i) => {
      r.points.forEach((p, j) => {
        if (!ids.includes(p))
          ctx.addIssue({
            code: 'custom',
            message: `unknown waypoint or vertiport "${p}"`,
            path: ['routes', i, 'points', j],
          });
      });
      for (const d of duplicates(r.layers.map((l) => l.direction)))
        ctx.addIssue({ code: 'custom', message: `two layers for direction ${d}`, path: ['routes', i, 'layers'] });
      r.layers.forEach((l, j) => {
        if (l.lower.ref !== l.upper.ref || l.lower.unit !== l.upper.unit)
          ctx.addIssue({
            code: 'custom',
            message: 'lower and upper need the same reference and unit',
            path: ['routes', i, 'layers', j, 'upper'],
          });
        else if (l.lower.value >= l.upper.value)
          ctx.addIssue({
            code: 'custom',
            message: 'lower must be below upper',
            path: ['routes', i, 'layers', j, 'lower'],
          });
      });
    });
  })
  .meta({ id: 'RouteNetwork' });
export type RouteNetwork = z.infer<typeof RouteNetwork>;
export type RouteNetworkInput = z.input<typeof RouteNetwork>;
