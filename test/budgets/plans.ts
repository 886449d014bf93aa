import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { basePlan } from '../server/plans.js';

/**
 * A plan of `n` waypoints in a serpentine over Tai Lam (33 m legs at 20 km/h, alternating 85 m and 110 m AGL, across the 300 ft (91.44 m) A2 limit:
 * every other waypoint pokes above the A2 limit and the one between dips back under it, so there are many
 * separate height findings (a run of legs continuously above the limit would be one finding); 60,000
 * waypoints still fly within the engine's 7-day limit).
 */
export function manyWaypointPlan(n: number): FlightPlanInput {
  const coordinates: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / 100);
    const col = row % 2 === 0 ? i % 100 : 99 - (i % 100); // serpentine: no long jumps between rows
    coordinates.push([114.06 + col * 0.0003, 22.39 + row * 0.00005, i % 2 ? 110 : 85]);
  }
  return basePlan({
    route: {
      type: 'LineString',
      coordinates,
      altitudeRef: 'AGL',
      legSpeeds: coordinates.slice(1).map(() => ({ value: 20, unit: 'km/h' as const })),
    },
  });
}
