import type { Altitude } from '../model/units.js';
import { lengthToMetres } from '../model/units.js';
import type { ElevationModel } from './types.js';

/** A zone's vertical limits in metres; AGL limits are turned into AMSL with the ground under the point. */
export interface VerticalLimits {
  lowerM: number;
  lowerAgl: boolean;
  /** +Infinity when the zone has no upper limit. */
  upperM: number;
  upperAgl: boolean;
}

/**
 * A floor at the surface (0 AGL, "SFC") is no floor: everything below the ceiling is in the zone. The ground model
 * is only accurate to a few metres, so an aircraft taking off or landing can sit below the modelled ground, and it is
 * still in the zone; a route that really goes under the ground gets its own finding (ground clearance), not an
 * escape from the zones above it. It also spares the ground lookup for surface-based zones.
 */
export function compileVertical(lower: Altitude, upper: Altitude | null): VerticalLimits {
  const surfaceFloor = lower.ref === 'AGL' && lengthToMetres(lower) <= 0;
  return {
    lowerM: surfaceFloor ? Number.NEGATIVE_INFINITY : lengthToMetres(lower),
    lowerAgl: lower.ref === 'AGL' && !surfaceFloor,
    upperM: upper === null ? Number.POSITIVE_INFINITY : lengthToMetres(upper),
    upperAgl: upper !== null && upper.ref === 'AGL',
  };
}

/** lower ≤ alt ≤ upper, both inclusive, with `groundM` the terrain elevation AMSL under the point. */
export function verticalContainsAt(v: VerticalLimits, altAmslM: number, groundM: number): boolean {
  const lo = v.lowerAgl ? v.lowerM + groundM : v.lowerM;
  const hi = v.upperAgl ? v.upperM + groundM : v.upperM;
  return altAmslM >= lo && altAmslM <= hi;
}

export function needsGround(v: VerticalLimits): boolean {
  return v.lowerAgl || (v.upperAgl && v.upperM !== Number.POSITIVE_INFINITY);
}

/** Convenience for callers: an Altitude expressed in metres AMSL at (lon, lat). */
export function altitudeToAmslM(a: Altitude, lon: number, lat: number, elevation: ElevationModel): number {
  const m = lengthToMetres(a);
  return a.ref === 'AGL' ? m + elevation.groundM(lon, lat) : m;
}
