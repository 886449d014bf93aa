import type { FlightPlan } from '../../rules/src/model/plan.js';
import { createDeliveryPlan } from '../traffic/helpers.js';

export const ROUTE = 'R-CYB-CCH';
export const BASE = '/api/uss/v1/operational_intent_references';
export const CYB = [114.1298, 22.2606] as const;
export const CCH = [114.0309, 22.2086] as const;

/** A future morning (intents that ended before now are refused), inside the route's 07:00–20:00 hours. */
export const T0 = '2027-03-16T10:00:00+08:00';

/**
 * The delivery plan flown along the designated Cyberport → Cheung Chau centreline at `alt` m AGL,
 * 60 km/h: take off at the Cyberport pad, climb, the route's two fixes, land at St John Hospital.
 */
export function routePlan(start = T0, alt = 100): FlightPlan {
  const fixes: [number, number][] = [
    [CYB[0], CYB[1]],
    [114.1, 22.242],
    [114.055, 22.218],
    [CCH[0], CCH[1]],
  ];
  const coords: [number, number, number][] = [
    [CYB[0], CYB[1], 0],
    ...fixes.map(([lon, lat]) => [lon, lat, alt] as [number, number, number]),
    [CCH[0], CCH[1], 0],
  ];
  const plan = createDeliveryPlan(start);
  plan.route = {
    type: 'LineString',
    coordinates: coords,
    altitudeRef: 'AGL',
    legSpeeds: coords.slice(1).map(() => ({ value: 60, unit: 'km/h' as const })),
  };
  return plan;
}

/** A Volume4D area of interest: a circle of `radiusM` about a point, 0–500 m AGL, over [from, to). */
export function circleArea(lng: number, lat: number, radiusM: number, from: string, to: string) {
  return {
    volume: {
      outline_circle: { center: { lat, lng }, radius: { value: radiusM, units: 'M' } },
      altitude_lower: { value: 0, reference: 'AGL', units: 'M' },
      altitude_upper: { value: 500, reference: 'AGL', units: 'M' },
    },
    time_start: { value: from, format: 'RFC3339' },
    time_end: { value: to, format: 'RFC3339' },
  };
}

export interface ConflictReply {
  message: string;
  earliestShiftS: number | null;
  conflicts: { intentId: string; operator: string; blocking: boolean; intersecting_volumes: unknown[] }[];
  findings: { code: string; trialParameter: boolean; provision: { instrument: string } }[];
}

export interface IntentReply {
  operational_intent_reference: { id: string; state: string; version: number; operator: string; manager: string };
  operational_intent: { details: { volumes: unknown[] } };
  planId: string | null;
  routeId: string | null;
  findings?: { code: string }[];
}
