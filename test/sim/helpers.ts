import type { ScenarioInput } from '../../rules/src/sim/scenario.js';
import { Scenario } from '../../rules/src/sim/scenario.js';

/** A minimal valid scenario input; tests override what they exercise. */
export function createScenarioInput(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    id: 'test-scenario',
    title: { en: 'Test', zh: '測試' },
    description: { en: 'A test scenario', zh: '測試情景' },
    provenance: [
      {
        place: 'HKSTP',
        source: 'https://www.tlb.gov.hk/eng/highlights/transport/low-altitude.html',
        accuracy: 'approximate',
      },
    ],
    start: '2025-06-06T11:00:00+08:00',
    durationS: 600,
    seed: 1,
    aircraft: {
      quad: {
        model: 'test quad',
        mass: { value: 900, unit: 'g' },
        maxDimensionM: 0.4,
        equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
        registration: 'SUA-TEST-1',
        labelled: true,
      },
    },
    crew: {
      pilots: { p: { age: 30, registered: true, advancedRating: false } },
      responsiblePersons: { r: { age: 30, registered: true, insurance: null } },
    },
    flights: [
      {
        id: 'f1',
        label: 'Flight 1',
        aircraft: 'quad',
        pilot: 'p',
        responsiblePerson: 'r',
        startS: 0,
        operation: {
          purpose: 'recreation',
          vlos: true,
          pilotPosition: [114.2105, 22.4265],
          aircraftPerPilot: 1,
          dangerousGoods: false,
          droppingArticles: false,
          carriesPersonsOrAnimals: false,
          whollyInEnclosedArea: false,
          minDistanceFromUninvolvedM: 50,
        },
        route: {
          type: 'LineString',
          altitudeRef: 'AGL',
          coordinates: [
            [114.2105, 22.4265, 0],
            [114.2105, 22.4265, 50],
            [114.2135, 22.4265, 50],
            [114.2135, 22.429, 50],
            [114.2135, 22.429, 0],
          ],
          legSpeeds: [
            { value: 3, unit: 'm/s' },
            { value: 10, unit: 'm/s' },
            { value: 10, unit: 'm/s' },
            { value: 2, unit: 'm/s' },
          ],
        },
      },
    ],
    ...overrides,
  };
}

export function createScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return Scenario.parse(createScenarioInput(overrides));
}
