import type { DraftChange } from '../../rules/src/model/draft.js';
import type { FlightPlan } from '../../rules/src/model/plan.js';
import type { TrafficPlan } from '../../rules/src/traffic/traffic-impact.js';
import { createDeliveryPlan } from './helpers.js';

type Coords = FlightPlan['route']['coordinates'];

/** Take off at Cyberport, fly the route's fixes at 100 m AGL (forward layer), land at Cheung Chau, 60 km/h. */
const ROUTE: Coords = [
  [114.1298, 22.2606, 0],
  [114.1298, 22.2606, 100],
  [114.1, 22.242, 100],
  [114.055, 22.218, 100],
  [114.0309, 22.2086, 100],
  [114.0309, 22.2086, 0],
];

export function deliveryAt(startMs: number): FlightPlan {
  const plan = createDeliveryPlan(new Date(startMs).toISOString());
  plan.route = {
    type: 'LineString',
    coordinates: ROUTE,
    altitudeRef: 'AGL',
    legSpeeds: ROUTE.slice(1).map(() => ({ value: 60, unit: 'km/h' as const })),
  };
  return plan;
}

const T0 = Date.parse('2026-03-16T10:00:00+08:00');

/**
 * Six deliveries on R-CYB-CCH, one every 11 minutes. The in-trail headway is the two longest adjacent legs
 * (222 s + 321 s) plus the time buffers: 723 s under the base (60 + 120 s), 633 s halved (30 + 60 s).
 */
export function createTrafficCorpus(): TrafficPlan[] {
  return [0, 1, 2, 3, 4, 5].map((i) => ({ key: `d${i}`, plan: deliveryAt(T0 + i * 660_000) }));
}

/** The draft that halves the route buffer: lateral and both time buffers. */
export const HALVE_BUFFERS: DraftChange[] = [
  { op: 'set-traffic-parameter', path: 'buffers.lateralM', value: 25 },
  { op: 'set-traffic-parameter', path: 'buffers.timeBeforeS', value: 30 },
  { op: 'set-traffic-parameter', path: 'buffers.timeAfterS', value: 60 },
];
