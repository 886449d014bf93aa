import type { ZoneGeometry } from '../../rules/src/model/geo.js';
import type { ZoneInput } from '../../rules/src/model/zone.js';
import { Zone } from '../../rules/src/model/zone.js';

type Alt = ZoneInput['lower'];

export function makeZone(
  id: string,
  geometry: ZoneGeometry,
  extra: { lower?: Alt; upper?: Alt | null; timing?: ZoneInput['timing'] } = {},
): Zone {
  return Zone.parse({
    id,
    name: { en: id, zh: id },
    class: 'temporary-restriction',
    effect: 'restricted-flying-zone',
    geometry,
    lower: extra.lower ?? { value: 0, unit: 'm', ref: 'AGL' },
    upper: extra.upper === undefined ? null : extra.upper,
    timing: extra.timing,
    provenance: { accuracy: 'user', source: 'test fixture' },
  });
}

/** VHP8 Stanley Fort, eAIP ENR 5.1 (hk-drone-law.md §5.2): 3,000 ft radius, sectors 090°–120° and 230°–270°. */
export const VHP8_CENTRE: [number, number] = [114.21778, 22.19833];
export function vhp8(): Zone {
  return makeZone(
    'VHP8',
    {
      type: 'Circle',
      center: VHP8_CENTRE,
      radiusM: 914.4,
      sectors: [
        { fromDeg: 90, toDeg: 120 },
        { fromDeg: 230, toDeg: 270 },
      ],
    },
    { lower: { value: 0, unit: 'ft', ref: 'AGL' }, upper: { value: 1000, unit: 'ft', ref: 'AMSL' } },
  );
}

/** Seeded PRNG (mulberry32): tests never use Math.random. */
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

/** An independent great-circle oracle (spherical law of cosines in the numerically stable atan2 form). */
export function oracleDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const R = 6_371_008.8;
  const r = Math.PI / 180;
  const p1 = lat1 * r;
  const p2 = lat2 * r;
  const dl = (lon2 - lon1) * r;
  const y = Math.hypot(
    Math.cos(p2) * Math.sin(dl),
    Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl),
  );
  const x = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
  return R * Math.atan2(y, x);
}

export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
