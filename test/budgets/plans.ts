import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { basePlan } from '../server/plans.js';

/**
 * A plan of `n` waypoints in a serpentine over Tai Lam (33 m legs at 20 km/h, alternating 110 m and 130 m
 * AGL: many findings, and 60,000 waypoints still fly within the engine's 7-day limit).
 */
export function manyWaypointPlan(n: number): FlightPlanInput {
  const coordinates: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / 100);
    const col = row % 2 === 0 ? i % 100 : 99 - (i % 100); // serpentine: no long jumps between rows
    coordinates.push([114.06 + col * 0.0003, 22.39 + row * 0.00005, i % 2 ? 130 : 110]);
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
