import { z } from 'zod';
import { Instant } from '../model/time.js';

/**
 * 4-D volumes in ASTM F3548-21 / InterUSS DSS naming (snake_case on purpose: these objects are exchanged
 * with USSs as they are). One extension: `outline_corridor`, the exact capsule (a segment buffered by a
 * half-width) that the deconfliction tests; `outline_polygon` carries its polygon for USSs that do not
 * know the extension. Volumes without a corridor are tested by their circle, or conservatively by the
 * polygon's bounding circle.
 */
export const LatLngPoint = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .strict()
  .meta({ id: 'LatLngPoint' });
export type LatLngPoint = z.infer<typeof LatLngPoint>;

export const Radius = z
  .object({ value: z.number().finite().nonnegative(), units: z.literal('M') })
  .strict()
  .meta({ id: 'Radius' });

/** Altitude with its vertical reference; InterUSS uses W84 (ellipsoid), plans use AMSL or AGL. */
export const VolumeAltitude = z
  .object({ value: z.number().finite(), reference: z.enum(['W84', 'AMSL', 'AGL']), units: z.literal('M') })
  .strict()
  .meta({ id: 'VolumeAltitude' });
export type VolumeAltitude = z.infer<typeof VolumeAltitude>;

export const Time = z
  .object({ value: Instant, format: z.literal('RFC3339') })
  .strict()
  .meta({ id: 'Time' });
export type Time = z.infer<typeof Time>;

export const Volume3D = z
  .object({
    outline_circle: z.object({ center: LatLngPoint, radius: Radius }).strict().optional(),
    outline_polygon: z
      .object({ vertices: z.array(LatLngPoint).min(3, 'a polygon needs at least 3 vertices') })
      .strict()
      .optional(),
    outline_corridor: z
      .object({ start: LatLngPoint, end: LatLngPoint, half_width: Radius })
      .strict()
      .optional()
      .describe('extension: the segment start–end buffered by half_width (a capsule), exact'),
    altitude_lower: VolumeAltitude,
    altitude_upper: VolumeAltitude,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.outline_circle === !v.outline_polygon)
      ctx.addIssue({ code: 'custom', message: 'give exactly one of outline_circle and outline_polygon', path: [] });
    if (v.altitude_lower.reference !== v.altitude_upper.reference)
      ctx.addIssue({ code: 'custom', message: 'both altitudes need the same reference', path: ['altitude_upper'] });
    else if (v.altitude_lower.value > v.altitude_upper.value)
      ctx.addIssue({ code: 'custom', message: 'altitude_lower is above altitude_upper', path: ['altitude_lower'] });
  })
  .meta({ id: 'Volume3D' });
export type Volume3D = z.infer<typeof Volume3D>;

export const Volume4D = z
  .object({ volume: Volume3D, time_start: Time, time_end: Time })
  .strict()
  .superRefine((v, ctx) => {
    if (Date.parse(v.time_start.value) >= Date.parse(v.time_end.value))
      ctx.addIssue({ code: 'custom', message: 'time_end must be after time_start', path: ['time_end'] });
  })
  .meta({ id: 'Volume4D' });
export type Volume4D = z.infer<typeof Volume4D>;

/** RFC 3339 in UTC with milliseconds; time is an argument, never the clock. */
export function timeOf(ms: number): Time {
  return { value: new Date(ms).toISOString(), format: 'RFC3339' };
}
