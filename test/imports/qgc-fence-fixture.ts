import { BASE, east, north } from '../engine/helpers.js';

/** A QGC mission item at [lat, lon], `alt` m relative to launch (frame 3). */
const item = (seq: number, command: number, lon: number, lat: number, alt: number) => ({
  type: 'SimpleItem',
  doJumpId: seq,
  autoContinue: true,
  command,
  frame: 3,
  params: [0, 0, 0, null, lat, lon, alt],
  AltitudeMode: 1,
  Altitude: alt,
  AMSLAltAboveTerrain: null,
});

const [LON, LAT] = BASE;
export const at = (eastM: number, northM: number): [number, number] => [east(LON, LAT, eastM), north(LAT, northM)];
/** QGC writes vertices and centres as [lat, lon]. */
const latLon = ([lon, lat]: [number, number]) => [lat, lon];

export interface FenceSpec {
  /** inclusion square of this half-side in metres around BASE */
  inclusionHalfM?: number;
  /** exclusion circle: centre offset from BASE and radius, metres */
  exclusion?: { eastM: number; northM: number; radiusM: number };
}

/**
 * A multicopter plan in Hong Kong (around test/engine BASE): take-off at BASE, then east along the parallel to
 * `lengthM` metres at 60 m relative to launch, and its geofence.
 */
export function qgcPlanWithFence(spec: FenceSpec, lengthM = 500): Record<string, unknown> {
  const polygons = spec.inclusionHalfM
    ? [
        {
          inclusion: true,
          version: 1,
          polygon: [
            at(-spec.inclusionHalfM, -spec.inclusionHalfM),
            at(spec.inclusionHalfM, -spec.inclusionHalfM),
            at(spec.inclusionHalfM, spec.inclusionHalfM),
            at(-spec.inclusionHalfM, spec.inclusionHalfM),
          ].map(latLon),
        },
      ]
    : [];
  const circles = spec.exclusion
    ? [
        {
          inclusion: false,
          version: 1,
          circle: { center: latLon(at(spec.exclusion.eastM, spec.exclusion.northM)), radius: spec.exclusion.radiusM },
        },
      ]
    : [];
  return {
    fileType: 'Plan',
    version: 1,
    groundStation: 'QGroundControl',
    mission: {
      version: 2,
      firmwareType: 12,
      vehicleType: 2,
      hoverSpeed: 8,
      cruiseSpeed: 15,
      globalPlanAltitudeMode: 1,
      plannedHomePosition: [LAT, LON, 5],
      items: [
        item(1, 22, LON, LAT, 60),
        item(2, 16, ...at(lengthM / 2, 0), 60),
        item(3, 16, ...at(lengthM, 0), 60),
        item(4, 21, ...at(lengthM, 0), 0),
      ],
    },
    geoFence: { version: 2, polygons, circles },
    rallyPoints: { version: 2, points: [] },
  };
}
