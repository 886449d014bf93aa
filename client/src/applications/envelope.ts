import type { ApplicationContent, FlightPlan, PermissionInput, PermissionTrigger } from '@sua-sandbox/rules/model';

/** What the regulator sets when approving: the altitude band and the corridor around the plan's route. */
export interface EnvelopeConditions {
  lowerM: number;
  upperM: number;
  halfWidthM: number;
}

/** A band that fits the plan: from the ground to its highest waypoint plus a margin, a 200 m corridor. */
export function defaultConditions(plan: FlightPlan | undefined): EnvelopeConditions {
  const top = Math.max(0, ...(plan?.route.coordinates.map((c) => c[2] ?? 0) ?? [0]));
  return { lowerM: 0, upperM: Math.ceil((top + 30) / 10) * 10, halfWidthM: 200 };
}

/** Scenario of the application → the permission's scenario wording. */
const SCENARIO: Record<ApplicationContent['scenario'], NonNullable<PermissionInput['scenario']>> = {
  'emergency-rescue': 'rescue',
  delivery: 'delivery',
  'inspection-maintenance': 'inspection',
  surveillance: 'surveillance',
  'low-altitude-infrastructure': 'infrastructure',
};

/**
 * The Permission an approval creates: a corridor along the application's first plan, the regulator's altitude
 * band (in the plan's altitude reference), the requested windows, covering the requested relaxations.
 */
export function buildEnvelope(
  applicationId: string,
  content: ApplicationContent,
  conditions: EnvelopeConditions,
): PermissionInput {
  const plan = content.plans[0];
  const ref = plan?.route.altitudeRef ?? 'AGL';
  const line = (plan?.route.coordinates ?? []).map((c): [number, number] => [c[0], c[1]]);
  const maxMassKg = Math.max(...content.aircraft.map((a) => massKg(a.mass)));
  const covers: PermissionTrigger[] = content.relaxations;
  return {
    id: `perm-${applicationId}`,
    kind: 'sandbox-project',
    title: { en: content.title, zh: content.title },
    holder: content.operator,
    scenario: SCENARIO[content.scenario],
    area: { type: 'Corridor', line, halfWidthM: conditions.halfWidthM },
    altitudeBand: {
      lower: { value: conditions.lowerM, unit: 'm', ref },
      upper: { value: conditions.upperM, unit: 'm', ref },
    },
    validity: content.windows,
    aircraft: { maxMass: { value: Math.ceil(maxMassKg * 10) / 10, unit: 'kg' } },
    covers,
    legalBasis: {
      instrument: 'Cap. 448G',
      section: null,
      document: 'CAD sandbox permission',
      url: 'https://www.cad.gov.hk/',
      secondary: true,
    },
    provenance: { accuracy: 'user', source: `sandbox application ${applicationId}` },
  };
}

function massKg(m: { value: number; unit: 'g' | 'kg' }): number {
  return m.unit === 'g' ? m.value / 1000 : m.value;
}
