import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { readExamplePlans } from '../../server/src/services/corpus.js';

/** A plain recreational flight over Tai Lam Country Park (New Territories), for API tests. */
export function basePlan(overrides: Partial<FlightPlanInput> = {}): FlightPlanInput {
  return {
    name: 'Tai Lam test flight',
    aircraft: {
      model: 'Test quad',
      mass: { value: 600, unit: 'g' },
      maxDimensionM: 0.35,
      equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
      registration: 'UA-TEST-0001',
      labelled: true,
    },
    pilot: { age: 30, registered: true, advancedRating: false },
    responsiblePerson: { age: 40, registered: true, insurance: { value: 10_000_000, unit: 'HKD' } },
    operation: {
      purpose: 'recreation',
      vlos: true,
      pilotPosition: [114.0705, 22.4002],
      aircraftPerPilot: 1,
      dangerousGoods: false,
      droppingArticles: false,
      carriesPersonsOrAnimals: false,
      whollyInEnclosedArea: false,
      minDistanceFromUninvolvedM: 60,
    },
    route: {
      type: 'LineString',
      coordinates: [
        [114.0705, 22.4002, 0],
        [114.0715, 22.4012, 60],
        [114.0725, 22.4002, 60],
        [114.0705, 22.4002, 0],
      ],
      altitudeRef: 'AGL',
      legSpeeds: [
        { value: 20, unit: 'km/h' },
        { value: 20, unit: 'km/h' },
        { value: 20, unit: 'km/h' },
      ],
    },
    start: '2026-03-02T10:00:00+08:00',
    ...overrides,
  };
}

/** mulberry32: a small seeded PRNG, so generated corpora are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Route length in metres (spherical earth), to pick seeds. */
function routeLengthM(p: FlightPlanInput): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  let sum = 0;
  const c = p.route.coordinates;
  for (let i = 1; i < c.length; i++) {
    const [lon1, lat1] = c[i - 1];
    const [lon2, lat2] = c[i];
    const h =
      Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
    sum += 2 * r * Math.asin(Math.sqrt(h));
  }
  return sum;
}

/**
 * The seeds: the example plans shipped in scenarios/plans (else the base plan). `maxRouteM` keeps only
 * the shorter routes: evaluation time grows with route length (the engine samples every few metres), and
 * the long BVLOS delivery examples would make a 1,000-plan test take minutes on a shared CI machine.
 */
export function seedPlans(opts: { maxRouteM?: number } = {}): FlightPlanInput[] {
  const examples = readExamplePlans()
    .map((i) => i.plan as FlightPlanInput)
    .filter((p) => p && typeof p === 'object' && 'route' in p)
    .filter((p) => opts.maxRouteM === undefined || routeLengthM(p) <= opts.maxRouteM);
  return examples.length > 0 ? examples : [basePlan()];
}

/**
 * `n` plans varied from the seeds: cruise altitude (scaled 0.3×–3×), take-off mass (scaled 0.2×–40×,
 * crossing category limits) and position (shifted up to ±0.03°), deterministically from `seed`.
 */
export function generatePlans(n: number, seed = 42, opts: { maxRouteM?: number } = {}): FlightPlanInput[] {
  const rand = prng(seed);
  const seeds = seedPlans(opts);
  return Array.from({ length: n }, (_, i) => {
    const src = seeds[i % seeds.length];
    const altScale = 0.3 + rand() * 2.7;
    const massScale = 0.2 + rand() * 39.8;
    const dLon = (rand() - 0.5) * 0.06;
    const dLat = (rand() - 0.5) * 0.06;
    const coords = src.route.coordinates.map(
      ([lon, lat, alt]) => [lon + dLon, lat + dLat, Math.round(alt * altScale * 10) / 10] as [number, number, number],
    );
    const [pLon, pLat] = src.operation.pilotPosition;
    return {
      ...src,
      id: `gen-${seed}-${i}`,
      name: `generated ${i}`,
      aircraft: {
        ...src.aircraft,
        mass: { value: Math.round(src.aircraft.mass.value * massScale * 10) / 10, unit: src.aircraft.mass.unit },
      },
      operation: { ...src.operation, pilotPosition: [pLon + dLon, pLat + dLat] },
      route: { ...src.route, coordinates: coords },
    };
  });
}

/** A temporary restriction (GeoJSON zone layer) centred on the base plan's first turn: `radiusM` wide. */
export function tfrLayer(id = 'tfr-test', radiusM = 400) {
  const [lon, lat] = basePlan().route.coordinates[1];
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: {
          name: { en: 'Test TFR', zh: '測試臨時限制' },
          class: 'temporary-restriction',
          effect: 'restricted-flying-zone',
          radiusM,
          lower: { value: 0, unit: 'm', ref: 'AGL' },
          upper: null,
          provenance: { accuracy: 'user', source: 'test' },
        },
      },
    ],
  };
}
