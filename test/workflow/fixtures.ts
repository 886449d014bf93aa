import type { ApplicationContentInput, FlightPlanInput, PermissionInput } from '../../rules/src/model/index.js';
import { basePlan } from '../server/plans.js';

/** The base test plan flown at 200 m AGL: above the standard height, so it raises the `height` trigger. */
export function highPlan(overrides: Partial<FlightPlanInput> = {}): FlightPlanInput {
  const p = basePlan(overrides);
  return {
    ...p,
    route: {
      ...p.route,
      coordinates: p.route.coordinates.map(([x, y, z]) => [x, y, (z ?? 0) > 0 ? 200 : 0] as [number, number, number]),
    },
  };
}

/** An application's content around the base plan's site (Tai Lam), asking for the height relaxation. */
export function applicationContent(overrides: Partial<ApplicationContentInput> = {}): ApplicationContentInput {
  const plan = highPlan();
  return {
    title: 'Tai Lam inspection trial',
    scenario: 'inspection-maintenance',
    operator: 'Skyline Inspection Ltd',
    aircraft: [plan.aircraft],
    crew: [{ name: 'Chan Tai Man', role: 'remote-pilot', reference: 'RP-0001' }],
    plans: [plan],
    windows: [{ from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' }],
    relaxations: ['height'],
    ...overrides,
  };
}

/** The envelope a regulator approves: the site, 0–300 m AGL, March 2026, covering `height`. */
export function envelope(id = 'app-perm'): PermissionInput {
  return {
    id,
    kind: 'sandbox-project',
    title: { en: 'Tai Lam inspection trial', zh: '大欖巡查試驗' },
    holder: 'Skyline Inspection Ltd',
    area: {
      type: 'Polygon',
      coordinates: [
        [
          [114.06, 22.39],
          [114.08, 22.39],
          [114.08, 22.41],
          [114.06, 22.41],
          [114.06, 22.39],
        ],
      ],
    },
    altitudeBand: { lower: { value: 0, unit: 'm', ref: 'AGL' }, upper: { value: 300, unit: 'm', ref: 'AGL' } },
    validity: [{ from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' }],
    aircraft: { maxMass: { value: 25, unit: 'kg' } },
    covers: ['height'],
    legalBasis: {
      instrument: 'Cap. 448G',
      section: null,
      document: 'CAD sandbox permission',
      url: 'https://www.cad.gov.hk/',
      secondary: true,
    },
    provenance: { accuracy: 'user', source: 'test' },
  };
}
