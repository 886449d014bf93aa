import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { createPlan, east, lineRoute } from './helpers.js';

/** Zürich, by night, out of sight, high and fast, unregistered: every Hong Kong rule would fire here. */
export function zurichPlan(): FlightPlanInput {
  const [lon, lat] = [8.5417, 47.3769];
  return createPlan({
    aircraft: { mass: { value: 15, unit: 'kg' }, registration: null, labelled: false },
    pilot: { advancedRating: false, registered: false },
    responsiblePerson: { insurance: null },
    operation: { vlos: false, pilotPosition: [lon, lat] },
    route: lineRoute([lon, lat], [east(lon, lat, 2_000), lat], 200, 90),
    start: '2026-03-14T23:00:00+01:00',
  });
}
