import type { DraftInput } from '../../rules/src/model/draft.js';
import type { FlightPlan } from '../../rules/src/model/plan.js';
import type { Scenario, ScenarioInput } from '../../rules/src/sim/scenario.js';
import type { TrafficPlan } from '../../rules/src/traffic/traffic-impact.js';
import { createScenario, createScenarioInput } from '../sim/helpers.js';
import { deliveryAt } from './traffic-corpus.js';

type Flight = ScenarioInput['flights'][number];

const LON = 114.2105;
const LAT = 22.4265;
/** metres per degree of longitude at LAT (spherical Earth, as the great-circle check) */
const M_PER_DEG_LON = (Math.PI / 180) * 6_371_008.8 * Math.cos((LAT * Math.PI) / 180);

function hover(id: string, lon: number): Flight {
  const f = createScenarioInput().flights[0];
  return {
    ...f,
    id,
    label: id,
    route: {
      type: 'LineString',
      altitudeRef: 'AGL',
      coordinates: [
        [lon, LAT, 0],
        [lon, LAT, 30],
        [lon, LAT, 30],
        [lon, LAT, 0],
      ],
      legSpeeds: [
        { value: 5, unit: 'm/s' },
        { value: 1, unit: 'm/s' },
        { value: 5, unit: 'm/s' },
      ],
      hoverS: [0, 0, 300, 0],
    },
  };
}

/**
 * Two aircraft hovering side by side at 30 m AGL over Science Park, `apartM` metres east–west of each other, with
 * no wind: a fixed distance for as long as both hover (about 300 s from 6 s in).
 */
export function twoHovering(apartM: number): Scenario {
  return createScenario({
    id: `two-hovering-${apartM}m`,
    durationS: 320,
    flights: [hover('west', LON), hover('east', LON + apartM / M_PER_DEG_LON)],
  });
}

/** A draft over `base` setting the separation minima (traffic params), nothing else. */
export function minimaDraft(base: string, horizontalM: unknown, verticalM: unknown): DraftInput {
  return {
    id: 'trial-separation',
    title: 'Trial separation minima',
    base,
    changes: [
      { op: 'set-traffic-parameter', path: 'separation.horizontalM', value: horizontalM },
      { op: 'set-traffic-parameter', path: 'separation.verticalM', value: verticalM },
    ],
  };
}

const T0 = Date.parse('2026-03-16T10:00:00+08:00');
const M_PER_DEG_LAT = (Math.PI / 180) * 6_371_008.8;

/** The delivery moved `northM` north and `upM` up: a parallel track at the same times. */
function beside(plan: FlightPlan, northM: number, upM = 0): FlightPlan {
  const p = structuredClone(plan);
  p.route.coordinates = p.route.coordinates.map(([lon, lat, alt], i, all) => [
    lon,
    lat + northM / M_PER_DEG_LAT,
    i === 0 || i === all.length - 1 ? alt : alt + upM,
  ]);
  return p;
}

/**
 * 40 m beside each other at 10:00, 80 m at 12:00, 60 m beside and 20 m above at 14:00 (hours apart: no pair
 * across). Under 50 m / 15 m only the first pair loses separation; halved, none; doubled, all three.
 */
export function createSeparationCorpus(): TrafficPlan[] {
  const out: TrafficPlan[] = [];
  for (const [k, northM, upM] of [
    [0, 40, 0],
    [2, 80, 0],
    [4, 60, 20],
  ] as const) {
    const lead = deliveryAt(T0 + k * 3_600_000);
    out.push({ key: `lead${k}`, plan: lead }, { key: `beside${k}`, plan: beside(lead, northM, upM) });
  }
  return out;
}
