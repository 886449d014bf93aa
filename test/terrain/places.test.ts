import { describe, expect, it } from 'vitest';
import type { ElevationModel } from '../../rules/src/airspace/types.js';
import { surface, terrain } from './helpers.js';

/**
 * Ground heights at named places against their published heights. The models are cell means (70 m for the
 * LandsD terrain, ~30 m SRTM for the surface): a sharp summit comes out lower than its trig point, by more the
 * narrower the top, so each summit has its own tolerance below the published height (none above, beyond 5 m),
 * and the model's highest point within 120 m of the published position is compared (positions are given to
 * about ±50 m). Flat places (harbour, airfields, a reservoir) are compared at the point.
 */
interface Place {
  name: string;
  lonLat: [number, number];
  publishedM: number;
  /** How far below the published height the model may be at this place, and why. */
  belowM: number;
  aboveM: number;
  summit: boolean;
  source: string;
}

const PLACES: Place[] = [
  {
    name: 'Tai Mo Shan',
    lonLat: [114.1244, 22.4106],
    publishedM: 957,
    belowM: 30,
    aboveM: 5,
    summit: true,
    source: 'hk-drone-law.md §7.3; broad dome, 70 m mean ~20 m low',
  },
  {
    name: 'Lantau Peak',
    lonLat: [113.9203, 22.2497],
    publishedM: 934,
    belowM: 50,
    aboveM: 5,
    summit: true,
    source: 'SOURCES.md peaks; knife-edge ridge, 70 m mean ~35 m low',
  },
  {
    name: 'Sunset Peak',
    lonLat: [113.953, 22.2572],
    publishedM: 869,
    belowM: 30,
    aboveM: 5,
    summit: true,
    source: 'SOURCES.md peaks; grassy dome',
  },
  {
    name: 'Victoria Peak',
    lonLat: [114.1455, 22.2759],
    publishedM: 552,
    belowM: 25,
    aboveM: 5,
    summit: true,
    source: 'SOURCES.md (true 552); summit levelled for the radar station',
  },
  {
    name: 'Lion Rock',
    lonLat: [114.1867, 22.3522],
    publishedM: 495,
    belowM: 40,
    aboveM: 5,
    summit: true,
    source: 'SOURCES.md (410 vs 495 at one cell); a crag narrower than a cell',
  },
  {
    name: 'Wutong Shan (Shenzhen, SRTM fill)',
    lonLat: [114.215, 22.582],
    publishedM: 944,
    belowM: 40,
    aboveM: 5,
    summit: true,
    source: 'outside the DTM: SRTM ~30 m',
  },
  {
    name: 'Victoria Harbour',
    lonLat: [114.17, 22.29],
    publishedM: 0,
    belowM: 0,
    aboveM: 1,
    summit: false,
    source: 'sea',
  },
  {
    name: 'HKIA',
    lonLat: [113.9185, 22.308],
    publishedM: 8.5,
    belowM: 5,
    aboveM: 5,
    summit: false,
    source: 'aerodrome elevation 28 ft (hk-drone-law.md §7.3)',
  },
  {
    name: 'Shek Kong airfield',
    lonLat: [114.08, 22.4361],
    publishedM: 15.2,
    belowM: 5,
    aboveM: 5,
    summit: false,
    source: '50 ft (hk-drone-law.md §7.3)',
  },
  {
    name: 'Cyberport waterfront',
    lonLat: [114.13, 22.261],
    publishedM: 5,
    belowM: 5,
    aboveM: 10,
    summit: false,
    source: 'reclaimed shore, a few metres above the sea',
  },
  {
    name: 'Plover Cove Reservoir',
    lonLat: [114.25, 22.47],
    publishedM: 5,
    belowM: 4,
    aboveM: 5,
    summit: false,
    source: 'reservoir built in a sea inlet, its water a few metres above the sea',
  },
];

function highestWithin(m: ElevationModel, [lon, lat]: [number, number], radiusM: number): number {
  let best = -Infinity;
  for (let dx = -radiusM; dx <= radiusM; dx += 10)
    for (let dy = -radiusM; dy <= radiusM; dy += 10)
      if (dx * dx + dy * dy <= radiusM * radiusM)
        best = Math.max(best, m.groundM(lon + dx / (111_195 * Math.cos((lat * Math.PI) / 180)), lat + dy / 111_195));
  return best;
}

describe('ground heights at named places match their published heights within the stated tolerance', () => {
  for (const [modelName, model, extraM] of [
    ['terrain', terrain, 0],
    // SRTM (buildings and trees, ~30 m, ±16 m vertically): 10 m more either way.
    ['surface', surface, 10],
  ] as const)
    for (const p of PLACES)
      it(`${modelName}: ${p.name} (${p.publishedM} m; ${p.source})`, () => {
        const h = p.summit ? highestWithin(model, p.lonLat, 120) : model.groundM(...p.lonLat);
        expect(h).toBeGreaterThanOrEqual(p.publishedM - p.belowM - extraM);
        expect(h).toBeLessThanOrEqual(p.publishedM + p.aboveM + extraM);
      });

  it('a reservoir is level: Plover Cove varies by under a metre over 200 m', () => {
    const [lon, lat] = [114.25, 22.47];
    const hs = [-0.001, 0, 0.001].flatMap((d) => [terrain.groundM(lon + d, lat), terrain.groundM(lon, lat + d)]);
    expect(Math.max(...hs) - Math.min(...hs)).toBeLessThan(1);
  });

  it('buildings stand out of the surface model, not the terrain model (HKIA terminal area)', () => {
    const spread = (m: ElevationModel) => highestWithin(m, [113.9185, 22.308], 120) - m.groundM(113.9185, 22.308);
    expect(spread(surface)).toBeGreaterThan(spread(terrain));
  });
});
