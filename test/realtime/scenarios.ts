import type { Scenario, ScenarioInput } from '../../rules/src/sim/scenario.js';
import { createScenario, createScenarioInput } from '../sim/helpers.js';

type Flight = ScenarioInput['flights'][number];

function flight(id: string, coords: [number, number, number][], speeds: number[], hoverS?: number[]): Flight {
  const f = createScenarioInput().flights[0];
  return {
    ...f,
    id,
    label: id,
    operation: { ...f.operation, pilotPosition: [coords[0][0], coords[0][1]] },
    route: {
      type: 'LineString',
      altitudeRef: 'AGL',
      coordinates: coords,
      legSpeeds: speeds.map((v) => ({ value: v, unit: 'm/s' as const })),
      hoverS,
    },
  };
}

/**
 * Two A2 flights in September 2025 (Cap. 448G as amended): one takes off inside the Victoria Harbour RFZ
 * (a finding within seconds), one hovers at 100 m AGL (328 ft: above the 300 ft A2 limit, below 400 ft).
 */
export function liveScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return createScenario({
    id: 'live-test',
    default: true,
    start: '2025-09-01T11:00:00+08:00',
    durationS: 400,
    wind: { speed: { value: 6, unit: 'm/s' }, fromDeg: 200 },
    flights: [
      flight(
        'harbour',
        [
          [114.1738, 22.2936, 0],
          [114.1738, 22.2936, 40],
          [114.1738, 22.2905, 40],
          [114.1738, 22.2905, 0],
        ],
        [3, 6, 2],
      ),
      flight(
        'high',
        [
          [114.2105, 22.4265, 0],
          [114.2105, 22.4265, 100],
          [114.2105, 22.4265, 100],
          [114.2105, 22.4265, 0],
        ],
        [5, 1, 2],
        [0, 0, 250, 0],
      ),
    ],
    ...overrides,
  });
}
