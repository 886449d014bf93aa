import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { ZoneIndex } from '../../rules/src/airspace/types.js';
import { evaluate } from '../../rules/src/engine/index.js';
import type {
  FlightPlanInput,
  Permission,
  PermissionInput,
  Report,
  Rulebook,
  Zone,
  ZoneEffect,
  ZoneInput,
} from '../../rules/src/model/index.js';
import { Permission as PermissionSchema, Zone as ZoneSchema } from '../../rules/src/model/index.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';

/** A neutral place in Sai Kung, away from every test zone unless a test puts one there. */
export const BASE: [number, number] = [114.3, 22.4];
const M_PER_DEG_LAT = 111_195;
export function east(lon: number, lat: number, metres: number): number {
  return lon + metres / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
}
export function north(lat: number, metres: number): number {
  return lat + metres / M_PER_DEG_LAT;
}

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function merge<T>(base: T, over: unknown): T {
  if (!isObj(base) || !isObj(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out as T;
}

/**
 * A lawful standard A2 flight (720 g, registered, 60 m AGL, 30 km/h, by day, 50 m from people; the pilot
 * holds an advanced rating and HK$10 million insurance),
 * two 200 m legs east and back at BASE. Override any part.
 */
export function createPlan(over: DeepPartial<FlightPlanInput> = {}): FlightPlanInput {
  const [lon, lat] = BASE;
  const base: FlightPlanInput = {
    aircraft: {
      model: 'Test A2',
      mass: { value: 720, unit: 'g' },
      maxDimensionM: 0.35,
      equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: false },
      registration: 'UA-TEST-0001',
      labelled: true,
      a1Exemption: false,
    },
    // Prerequisites of an advanced operation are met, so tests see the triggers alone unless they say otherwise.
    pilot: { age: 30, registered: true, advancedRating: true },
    responsiblePerson: { age: 40, registered: true, insurance: { value: 10_000_000, unit: 'HKD' } },
    operation: {
      purpose: 'recreation',
      vlos: true,
      pilotPosition: [lon, lat],
      aircraftPerPilot: 1,
      dangerousGoods: false,
      droppingArticles: false,
      carriesPersonsOrAnimals: false,
      whollyInEnclosedArea: false,
      minDistanceFromUninvolvedM: 50,
    },
    route: {
      type: 'LineString',
      coordinates: [
        [lon, lat, 60],
        [east(lon, lat, 200), lat, 60],
        [lon, lat, 60],
      ],
      altitudeRef: 'AGL',
      legSpeeds: [
        { value: 30, unit: 'km/h' },
        { value: 30, unit: 'km/h' },
      ],
    },
    start: '2026-03-14T10:00:00+08:00',
  };
  return merge(base, over);
}

/** A flight along a straight line from `from` to `to` at a constant height and speed. */
export function lineRoute(
  from: [number, number],
  to: [number, number],
  altM = 60,
  speedKmh = 30,
): FlightPlanInput['route'] {
  return {
    type: 'LineString',
    coordinates: [
      [from[0], from[1], altM],
      [to[0], to[1], altM],
    ],
    altitudeRef: 'AGL',
    legSpeeds: [{ value: speedKmh, unit: 'km/h' }],
  };
}

/** A square zone of side 2×half metres centred at (lon, lat), ground to unlimited unless said. */
export function squareZone(
  id: string,
  effect: ZoneEffect,
  center: [number, number],
  halfM: number,
  extra: Partial<ZoneInput> = {},
): Zone {
  const [lon, lat] = center;
  const w = east(lon, lat, -halfM);
  const e = east(lon, lat, halfM);
  const s = north(lat, -halfM);
  const n = north(lat, halfM);
  const classByEffect: Record<ZoneEffect, ZoneInput['class']> = {
    'restricted-flying-zone': 'temporary-restriction',
    prohibition: 'prohibition-448e',
    advisory: 'aip-danger',
    boundary: 'hksar-boundary',
    'sandbox-corridor': 'sandbox-corridor',
    'enclosed-area': 'enclosed-area',
    'uninvolved-persons': 'crowd',
  };
  return ZoneSchema.parse({
    id,
    name: { en: `Test zone ${id}`, zh: `測試區域 ${id}` },
    class: classByEffect[effect],
    effect,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
    lower: { value: 0, unit: 'm', ref: 'AGL' },
    upper: null,
    provenance: { accuracy: 'user', source: 'test' },
    ...extra,
  });
}

/** The HKSAR boundary for tests: a big square around BASE (about 20 km across). */
export function boundaryZone(): Zone {
  return squareZone('test-boundary', 'boundary', BASE, 10_000);
}

export function airspace(zones: readonly Zone[] = []): ZoneIndex {
  return buildZoneIndex(zones, { version: 'test' });
}

let cached: Rulebook[] | undefined;
export function rulebooks(): { rb2022: Rulebook; rb2025: Rulebook; all: Rulebook[] } {
  cached ??= loadBuiltinRulebooks();
  const find = (id: string) => {
    const rb = cached?.find((r) => r.id === id);
    if (!rb) throw new Error(`rulebook ${id} missing`);
    return rb;
  };
  return { rb2022: find('cap448g-2022'), rb2025: find('cap448g-2025'), all: cached };
}

export function createPermission(over: DeepPartial<PermissionInput> = {}): Permission {
  const [lon, lat] = BASE;
  const base: PermissionInput = {
    id: 'test-permission',
    kind: 'cad-permission',
    title: { en: 'Test permission', zh: '測試許可' },
    area: {
      type: 'Corridor',
      line: [
        [east(lon, lat, -100), lat],
        [east(lon, lat, 1_000), lat],
      ],
      halfWidthM: 100,
    },
    altitudeBand: { lower: { value: 0, unit: 'm', ref: 'AGL' }, upper: { value: 150, unit: 'm', ref: 'AGL' } },
    validity: [{ from: '2026-01-01T00:00:00+08:00', to: '2026-12-31T23:59:59+08:00' }],
    aircraft: { maxMass: { value: 25, unit: 'kg' } },
    covers: ['height'],
    legalBasis: {
      instrument: 'Cap. 448G',
      section: null,
      document: 'CAD advanced operation permission (test)',
      url: 'https://www.cad.gov.hk/chinese/sua_overview_categorisation.html',
      secondary: true,
    },
    provenance: { accuracy: 'user', source: 'test' },
  };
  return PermissionSchema.parse(merge(base, over));
}

/** Evaluate under a rulebook (default 2025) in a test airspace (default: just the test boundary). */
export function check(
  plan: FlightPlanInput,
  opts: { rulebook?: Rulebook; zones?: Zone[]; permissions?: Permission[] } = {},
): Report {
  return evaluate(plan, {
    rulebook: opts.rulebook ?? rulebooks().rb2025,
    airspace: airspace(opts.zones ?? [boundaryZone()]),
    permissions: opts.permissions,
  });
}

export function ruleIds(r: Report): string[] {
  return [...new Set(r.findings.map((f) => f.ruleId))];
}

/** Findings that count against the verdict (not covered, not advisory). */
export function open(r: Report): string[] {
  return [...new Set(r.findings.filter((f) => !f.covered && f.effect !== 'advisory').map((f) => f.ruleId))];
}
