import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { evaluate } from '../../rules/src/engine/index.js';
import type { FlightPlanInput, Zone } from '../../rules/src/model/index.js';
import { boundaryZone, createPermission, createPlan, rulebooks, squareZone } from '../engine/helpers.js';
import { surface, terrain } from './helpers.js';

/** mulberry32: seeded, so the generated plans are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CENTRE: [number, number] = [113.955, 22.258]; // Sunset Peak, Lantau

/** Zones with AGL and AMSL limits on the hillside, so stretches cross limits that follow the ground. */
const zones: Zone[] = [
  boundaryZone(),
  squareZone('agl-band', 'restricted-flying-zone', [113.95, 22.255], 900, {
    lower: { value: 60, unit: 'm', ref: 'AGL' },
    upper: { value: 80, unit: 'm', ref: 'AGL' },
  }),
  squareZone('amsl-band', 'advisory', [113.965, 22.262], 1200, {
    lower: { value: 300, unit: 'm', ref: 'AMSL' },
    upper: { value: 600, unit: 'm', ref: 'AMSL' },
  }),
];

/** A corridor over the hillside with an AGL band, so its envelope is judged over the ground too. */
const corridor = createPermission({
  id: 'hillside-corridor',
  area: {
    type: 'Corridor',
    line: [
      [113.935, 22.25],
      [113.975, 22.265],
    ],
    halfWidthM: 600,
  },
  altitudeBand: { lower: { value: 20, unit: 'm', ref: 'AGL' }, upper: { value: 100, unit: 'm', ref: 'AGL' } },
  covers: ['height', 'restricted-flying-zone'],
});

function randomPlan(rand: () => number): FlightPlanInput {
  const ref = rand() < 0.5 ? 'AGL' : 'AMSL';
  const n = 2 + Math.floor(rand() * 4);
  const coordinates: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const lon = CENTRE[0] + (rand() - 0.5) * 0.04;
    const lat = CENTRE[1] + (rand() - 0.5) * 0.03;
    const alt = ref === 'AGL' ? rand() * 150 : terrain.groundM(lon, lat) + (rand() - 0.2) * 150;
    coordinates.push([lon, lat, Math.round(alt * 10) / 10]);
  }
  return createPlan({
    permissions: rand() < 0.5 ? [corridor.id] : [],
    operation: { pilotPosition: [coordinates[0][0], coordinates[0][1]] },
    route: {
      type: 'LineString',
      coordinates,
      altitudeRef: ref,
      legSpeeds: coordinates.slice(1).map(() => ({ value: 10 + Math.floor(rand() * 40), unit: 'km/h' as const })),
    },
  });
}

describe('adaptive sampling equals dense sampling over Hong Kong terrain', () => {
  for (const [name, model] of [
    ['terrain', terrain],
    ['surface', surface],
  ] as const)
    it(`${name}: random hillside routes, AGL and AMSL, across AGL and AMSL zone limits`, () => {
      const airspace = buildZoneIndex(zones, { version: 't', elevation: model });
      const rand = prng(name === 'terrain' ? 448 : 844);
      for (let i = 0; i < 150; i++) {
        const plan = randomPlan(rand);
        const rulebook = rulebooks().rb2022;
        const permissions = [corridor];
        const dense = evaluate(plan, { rulebook, airspace, permissions, sampling: 'dense' });
        const adaptive = evaluate(plan, { rulebook, airspace, permissions });
        expect(adaptive, `plan ${i}`).toEqual(dense);
      }
    });
});
