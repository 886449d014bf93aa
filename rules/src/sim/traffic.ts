import type { ZoneInput } from '../model/zone.js';
import { createPrng } from './prng.js';
import { Scenario, type ScenarioInput } from './scenario.js';

export interface TrafficOptions {
  aircraft: number;
  seed: number;
  /** scenario start (+08:00) */
  start?: string;
  durationS?: number;
  /** [west, south, east, north] */
  bbox?: [number, number, number, number];
  /** crowds (uninvolved-persons zones) sprinkled over the area */
  crowds?: number;
}

type Flight = ScenarioInput['flights'][number];

/** The sky synthetic traffic fills by default: [west, south, east, north], over Hong Kong. */
export const HONG_KONG_SKY: readonly [number, number, number, number] = [113.9, 22.2, 114.35, 22.5];

const OP = {
  purpose: 'photography' as const,
  vlos: true,
  aircraftPerPilot: 1,
  dangerousGoods: false,
  droppingArticles: false,
  carriesPersonsOrAnimals: false,
  whollyInEnclosedArea: false,
  minDistanceFromUninvolvedM: 30,
};

const equip = { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true };

/**
 * A busy sky for load tests and "busy afternoon" demos: `aircraft` flights on random seeded loops over
 * Hong Kong, a few aircraft/crew profiles (so evaluators can be shared), some flown above the A2 height or
 * speed limits, and crowds to keep away from. Deterministic for a seed.
 */
export function syntheticTraffic(opts: TrafficOptions): Scenario {
  const rng = createPrng(opts.seed);
  const [w, s, e, n] = opts.bbox ?? HONG_KONG_SKY;
  const durationS = opts.durationS ?? 1800;
  const flights: Flight[] = [];
  const aircraftKeys = ['mini', 'a2', 'a2-unregistered', 'delivery'];
  for (let i = 0; i < opts.aircraft; i++) {
    const lon = w + rng.next() * (e - w);
    const lat = s + rng.next() * (n - s);
    const kind = aircraftKeys[Math.floor(rng.next() * aircraftKeys.length)];
    const cruise = kind === 'mini' ? 4 + rng.next() * 3 : 8 + rng.next() * 8;
    const alt = kind === 'mini' ? 20 + rng.next() * 20 : 40 + rng.next() * 90;
    const coords: [number, number, number][] = [
      [lon, lat, 0],
      [lon, lat, alt],
    ];
    // A loop of legs of 300–900 m, long enough to stay airborne for the whole run.
    let [x, y] = [lon, lat];
    const legs = Math.ceil((durationS * cruise) / 600) + 2;
    for (let k = 0; k < legs; k++) {
      const heading = rng.next() * 2 * Math.PI;
      const d = 300 + rng.next() * 600;
      x = Math.min(e, Math.max(w, x + (Math.sin(heading) * d) / 103_000));
      y = Math.min(n, Math.max(s, y + (Math.cos(heading) * d) / 111_000));
      coords.push([x, y, alt]);
    }
    flights.push({
      id: `t${i}`,
      label: `traffic ${i}`,
      aircraft: kind,
      pilot: kind === 'delivery' ? 'pro' : 'hobby',
      responsiblePerson: kind === 'delivery' ? 'pro' : 'hobby',
      startS: Math.floor(rng.next() * 10),
      operation: { ...OP, vlos: kind !== 'delivery', pilotPosition: [lon, lat] },
      route: {
        type: 'LineString',
        altitudeRef: 'AGL',
        coordinates: coords,
        legSpeeds: coords.slice(1).map((_, k) => ({ value: k === 0 ? 3 : cruise, unit: 'm/s' as const })),
      },
    });
  }
  const crowds: ZoneInput[] = Array.from({ length: opts.crowds ?? 10 }, (_, i) => ({
    id: `crowd-${i}`,
    name: { en: `Crowd ${i}`, zh: `人群 ${i}` },
    class: 'crowd',
    effect: 'uninvolved-persons',
    geometry: { type: 'Circle', center: [w + rng.next() * (e - w), s + rng.next() * (n - s)], radiusM: 150 },
    lower: { value: 0, unit: 'm', ref: 'AGL' },
    upper: null,
    provenance: { accuracy: 'user', source: 'synthetic traffic', illustrative: true },
  }));
  return Scenario.parse({
    id: `traffic-${opts.aircraft}`,
    title: { en: `Synthetic traffic: ${opts.aircraft} aircraft`, zh: `模擬交通：${opts.aircraft} 架無人機` },
    description: { en: 'Random seeded traffic for load tests.', zh: '以種子產生的隨機交通，用於負載測試。' },
    provenance: [{ place: 'Hong Kong (random positions)', source: 'synthetic', accuracy: 'user' }],
    start: opts.start ?? '2025-10-15T14:00:00+08:00',
    durationS,
    seed: opts.seed,
    aircraft: {
      mini: {
        mass: { value: 249, unit: 'g' },
        maxDimensionM: 0.25,
        equipment: equip,
        registration: null,
        labelled: false,
      },
      a2: {
        mass: { value: 0.9, unit: 'kg' },
        maxDimensionM: 0.4,
        equipment: equip,
        registration: 'SUA-T-1',
        labelled: true,
      },
      'a2-unregistered': {
        mass: { value: 1.2, unit: 'kg' },
        maxDimensionM: 0.45,
        equipment: equip,
        registration: null,
        labelled: false,
      },
      delivery: {
        mass: { value: 6, unit: 'kg' },
        maxDimensionM: 0.95,
        equipment: equip,
        registration: 'SUA-T-2',
        labelled: true,
        performance: { maxSpeed: { value: 72, unit: 'km/h' } },
      },
    },
    crew: {
      pilots: {
        hobby: { age: 25, registered: true, advancedRating: false },
        pro: { age: 35, registered: true, advancedRating: true },
      },
      responsiblePersons: {
        hobby: { age: 25, registered: true, insurance: null },
        pro: { age: 40, registered: true, insurance: { value: 10_000_000, unit: 'HKD' } },
      },
    },
    flights,
    zones: crowds,
    expect: { exhaustive: false },
  });
}
