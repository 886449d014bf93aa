import { z } from 'zod';

function lonLatIssue(lon: number, lat: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'coordinates must be finite numbers';
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90)
    return `latitude ${lat} is out of range [-90, 90]; are longitude and latitude swapped? GeoJSON order is [lon, lat]`;
  if (Math.abs(lon) > 180) return `longitude ${lon} is out of range [-180, 180]`;
  if (Math.abs(lat) > 90) return `latitude ${lat} is out of range [-90, 90]`;
  return null;
}

/** [lon, lat] in WGS84 degrees, validated (NaN, out of range and swapped pairs are rejected). */
export const LonLat = z
  .tuple([z.number(), z.number()])
  .superRefine(([lon, lat], ctx) => {
    const issue = lonLatIssue(lon, lat);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  })
  .meta({ id: 'LonLat' });
export type LonLat = z.infer<typeof LonLat>;

/**
 * Far beyond any small unmanned aircraft (or the ground): a sanity bound, so that a typo such as 1e308 is refused
 * as an altitude rather than reaching the engine (which then reported an infinitely long leg).
 */
export const MAX_ABS_ALTITUDE_M = 20_000;

/** Why an altitude (metres above `ref`) cannot be used, or null. */
export function altitudeIssue(alt: number, ref: string): string | null {
  if (!Number.isFinite(alt)) return 'altitude must be a finite number (metres)';
  if (Math.abs(alt) > MAX_ABS_ALTITUDE_M)
    return `altitude ${alt} m ${ref} is out of range (-${MAX_ABS_ALTITUDE_M} to ${MAX_ABS_ALTITUDE_M} m)`;
  return null;
}

const lonLatAlt = () =>
  z.tuple([z.number(), z.number(), z.number()]).superRefine(([lon, lat], ctx) => {
    const issue = lonLatIssue(lon, lat);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  });

/** [lon, lat, alt] with alt in metres AMSL (positions in reports and telemetry), bounded. */
export const LonLatAlt = lonLatAlt()
  .superRefine(([, , alt], ctx) => {
    const issue = altitudeIssue(alt, 'AMSL');
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [2] });
  })
  .meta({ id: 'LonLatAlt' });
export type LonLatAlt = z.infer<typeof LonLatAlt>;

const LinearRing = z.array(LonLat).min(4, 'a polygon ring needs at least 4 positions (closed)');

export const PolygonGeometry = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) })
  .meta({ id: 'PolygonGeometry' });
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export const MultiPolygonGeometry = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).min(1)).min(1) })
  .meta({ id: 'MultiPolygonGeometry' });
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

/** Bearing range in degrees true, clockwise from `fromDeg` to `toDeg` (e.g. VHP8: 090°–120°). */
export const Sector = z.object({
  fromDeg: z.number().min(0).max(360),
  toDeg: z.number().min(0).max(360),
});
export type Sector = z.infer<typeof Sector>;

/**
 * A circle stays a circle (centre + radius in metres, geodesic distance), not a 64-gon.
 * With `sectors`, only the union of those bearing ranges from the centre is inside.
 */
export const CircleGeometry = z
  .object({
    type: z.literal('Circle'),
    center: LonLat,
    radiusM: z.number().positive().finite(),
    sectors: z.array(Sector).min(1).optional(),
  })
  .meta({ id: 'CircleGeometry' });
export type CircleGeometry = z.infer<typeof CircleGeometry>;

export const ZoneGeometry = z
  .discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry, CircleGeometry])
  .meta({ id: 'ZoneGeometry' });
export type ZoneGeometry = z.infer<typeof ZoneGeometry>;

/**
 * A route's [lon, lat, alt], alt in metres above the route's `altitudeRef`: the route bounds the altitude itself,
 * so that the message can name the reference (AGL or AMSL).
 */
export const RouteWaypoint = lonLatAlt().meta({ id: 'RouteWaypoint' });
