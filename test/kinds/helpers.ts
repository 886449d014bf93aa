import type { PlanContext, SampleContext, ZoneDistance } from '../../rules/src/kinds/types.js';
import type { RuleDef, Zone, ZoneEffect } from '../../rules/src/model/index.js';

/** A plan context for a registered A2 aircraft; override anything. */
export function createCtx(over: Partial<PlanContext> = {}): PlanContext {
  return {
    aircraft: {
      mass: { value: 720, unit: 'g' },
      maxDimensionM: 0.35,
      equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: false },
      registration: 'UA-1',
      labelled: true,
      a1Exemption: false,
    },
    pilot: { age: 30, registered: true, advancedRating: false },
    responsiblePerson: { age: 40, registered: true, insurance: null },
    operation: {
      purpose: 'recreation',
      vlos: true,
      pilotPosition: [114.3, 22.4],
      aircraftPerPilot: 1,
      dangerousGoods: false,
      droppingArticles: false,
      carriesPersonsOrAnimals: false,
      whollyInEnclosedArea: false,
      minDistanceFromUninvolvedM: 50,
    },
    category: 'A2',
    column: 'A2',
    massKg: 0.72,
    scopeMaxKg: 150,
    enclosed: false,
    utcOffsetMin: 480,
    zoneEffectsPresent: new Set<ZoneEffect>(['boundary']),
    ...over,
  };
}

export function createSample(over: Partial<SampleContext> & { nearby?: ZoneDistance[] } = {}): SampleContext {
  const { nearby = [], ...rest } = over;
  return {
    lon: 114.3,
    lat: 22.4,
    altAmslM: 60,
    aglM: 60,
    tMs: Date.parse('2026-03-14T10:00:00+08:00'),
    groundSpeedKmh: 30,
    pilotLon: 114.3,
    pilotLat: 22.4,
    zones: [],
    distanceToZones: (effect) => nearby.filter((d) => d.zone.effect === effect),
    activityStableUntil: () => Number.POSITIVE_INFINITY,
    ...rest,
  };
}

export const rule: RuleDef = {
  id: 'test.rule',
  kind: 'test',
  title: { en: 'Test', zh: '測試' },
  citation: {
    instrument: 'Cap. 448G',
    section: 's.18',
    url: 'https://www.elegislation.gov.hk/hk/cap448G',
    secondary: false,
  },
  commencement: '2022-06-01',
  appliesTo: {},
  params: {},
};

export function zone(id: string, effect: ZoneEffect, cls: Zone['class'] = 'temporary-restriction'): Zone {
  return {
    id,
    name: { en: `Zone ${id}`, zh: `區域 ${id}` },
    class: cls,
    effect,
    geometry: { type: 'Circle', center: [114.3, 22.4], radiusM: 100 },
    lower: { value: 0, unit: 'm', ref: 'AGL' },
    upper: null,
    appliesTo: 'SUA',
    provenance: { accuracy: 'user', source: 'test' },
  };
}
