import type {
  ApplicationContent,
  CrewMember,
  FlightPlan,
  PermissionTrigger,
  ScenarioType,
} from '@sua-sandbox/rules/model';
import { defaultDetails, type PlanDetails } from '../plan/state.js';

/** What the operation of each scenario is for, as the plan's `operation.purpose`. */
const PURPOSE: Record<ScenarioType, PlanDetails['operation']['purpose']> = {
  'emergency-rescue': 'rescue',
  delivery: 'delivery',
  'inspection-maintenance': 'inspection',
  surveillance: 'surveillance',
  'low-altitude-infrastructure': 'other',
};

export const purposeOf = (scenario: ScenarioType) => PURPOSE[scenario];

/**
 * The aircraft, remote pilot, responsible person and operation a form starts from: the plan's own (revising, or
 * from the plan checker), or for a new application the plan checker's defaults with nothing that names an
 * aircraft or a person (no example model or registration, no names): the applicant enters them.
 */
export function startDetails(plan: FlightPlan | undefined, scenario: ScenarioType): PlanDetails {
  if (plan) {
    const { aircraft, pilot, responsiblePerson, operation } = structuredClone(plan);
    return { aircraft, pilot, responsiblePerson, operation };
  }
  const d = defaultDetails();
  const { model: _example, ...aircraft } = d.aircraft;
  return {
    ...d,
    aircraft: { ...aircraft, registration: null, labelled: false },
    operation: { ...d.operation, purpose: purposeOf(scenario) },
  };
}

/** What keeps the details from going into an application (the form words it). */
export type DetailsIssue = 'aircraft' | 'pilot' | 'responsible';

export function detailsIssue(d: PlanDetails): DetailsIssue | null {
  if (!d.aircraft.model?.trim()) return 'aircraft';
  if (!d.pilot.name?.trim()) return 'pilot';
  if (!d.responsiblePerson.name?.trim()) return 'responsible';
  return null;
}

/**
 * The application's plan: the route as imported (or kept) with the details the applicant entered. The pilot
 * stands at the first waypoint while `pilotFollowsRoute` (as in the plan checker), and asking for `bvlos` makes
 * the operation beyond visual line of sight.
 */
export function applicationPlan(
  plan: FlightPlan,
  details: PlanDetails,
  opts: { name: string; pilotFollowsRoute: boolean; relaxations: readonly PermissionTrigger[] },
): FlightPlan {
  const d = structuredClone(details);
  const first = plan.route.coordinates[0];
  const pilotPosition: [number, number] =
    opts.pilotFollowsRoute && first ? [first[0], first[1]] : d.operation.pilotPosition;
  const vlos = opts.relaxations.includes('bvlos') ? false : d.operation.vlos;
  return {
    ...plan,
    name: plan.name ?? opts.name,
    aircraft: d.aircraft,
    pilot: d.pilot,
    responsiblePerson: d.responsiblePerson,
    operation: { ...d.operation, pilotPosition, vlos },
  };
}

/** The crew: the plan's remote pilot and responsible person by name, then the other members the content had. */
export function applicationCrew(plan: FlightPlan, previous: ApplicationContent | undefined): CrewMember[] {
  const pilot = plan.pilot.name?.trim() ?? '';
  const responsible = plan.responsiblePerson.name?.trim() ?? '';
  const others = previous?.crew.filter((c) => c.role !== 'remote-pilot' && c.role !== 'responsible-person') ?? [];
  return [
    { name: pilot, role: 'remote-pilot' },
    ...(responsible ? [{ name: responsible, role: 'responsible-person' as const }] : []),
    ...others,
  ];
}
