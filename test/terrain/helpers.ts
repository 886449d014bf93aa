import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { ElevationModel, ZoneIndex } from '../../rules/src/airspace/types.js';
import type { FlightPlanInput, Zone } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { createPlan } from '../engine/helpers.js';

export const terrain = loadGroundModel('terrain');
export const surface = loadGroundModel('surface');

/** The built-in catalogue over a ground model (cached per model). */
const indexes = new Map<ElevationModel, ZoneIndex>();
export function catalogueOver(elevation: ElevationModel, extra: readonly Zone[] = []): ZoneIndex {
  if (extra.length > 0) return buildZoneIndex([...loadCatalogue().zones, ...extra], { version: 'test', elevation });
  let ix = indexes.get(elevation);
  if (!ix) {
    const cat = loadCatalogue();
    ix = buildZoneIndex(cat.zones, { version: cat.version, elevation });
    indexes.set(elevation, ix);
  }
  return ix;
}

/** Mui Wo pier and Sunset Peak's summit (as located on the LandsD model), Lantau. */
export const MUI_WO: [number, number] = [113.9985, 22.2645];
export const SUNSET_PEAK: [number, number] = [113.953, 22.25724];

/** n + 1 points evenly spaced on the straight line from → to. */
export function pointsAlong(from: [number, number], to: [number, number], n: number): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i) => [
    from[0] + ((to[0] - from[0]) * i) / n,
    from[1] + ((to[1] - from[1]) * i) / n,
  ]);
}

/**
 * A plan along `points` with the heights above ground `aglM[i]`, given either in AGL or in AMSL (the AMSL form
 * adds the ground height of the shipped model at each waypoint), at 20 km/h, with the pilot at the start.
 */
export function planAlong(
  points: [number, number][],
  aglM: number[],
  ref: 'AGL' | 'AMSL',
  model: ElevationModel = terrain,
): FlightPlanInput {
  const coordinates = points.map(([lon, lat], i) => {
    const alt = aglM[i] + (ref === 'AMSL' ? model.groundM(lon, lat) : 0);
    return [lon, lat, Math.round(alt * 100) / 100] as [number, number, number];
  });
  return createPlan({
    operation: { pilotPosition: points[0], vlos: true },
    route: {
      type: 'LineString',
      coordinates,
      altitudeRef: ref,
      legSpeeds: coordinates.slice(1).map(() => ({ value: 20, unit: 'km/h' as const })),
    },
  });
}
