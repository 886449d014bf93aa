import { describe, expect, it } from 'vitest';
import {
  applicationCrew,
  applicationPlan,
  detailsIssue,
  startDetails,
} from '../../client/src/applications/app-plan.js';
import type { FlightPlan } from '../../rules/src/model/index.js';
import { FlightPlan as FlightPlanSchema } from '../../rules/src/model/index.js';
import { basePlan } from '../server/plans.js';

/** An imported route (the plan checker's template around it), as the New application form receives it. */
const imported = (): FlightPlan => FlightPlanSchema.parse(basePlan());

describe("a web-created application's plan", () => {
  it('starts a new application with no example aircraft or names, and the purpose of its scenario', () => {
    const d = startDetails(undefined, 'delivery');
    expect(d.aircraft.model).toBeUndefined();
    expect(d.aircraft.registration).toBeNull();
    expect(d.pilot.name).toBe('');
    expect(d.responsiblePerson.name).toBe('');
    expect(d.operation.purpose).toBe('delivery');
    expect(detailsIssue(d)).toBe('aircraft');
    d.aircraft.model = 'DJI FlyCart 30';
    expect(detailsIssue(d)).toBe('pilot');
    d.pilot.name = 'Chan Tai Man';
    expect(detailsIssue(d)).toBe('responsible');
    d.responsiblePerson.name = 'Wong Siu Ming';
    expect(detailsIssue(d)).toBeNull();
  });

  it('takes what the applicant entered; the pilot stands at the first waypoint; BVLOS asked makes vlos false', () => {
    const plan = imported();
    const d = startDetails(undefined, 'delivery');
    d.aircraft.model = 'DJI FlyCart 30';
    d.aircraft.mass = { value: 65, unit: 'kg' };
    d.aircraft.registration = 'SUA-0042';
    d.pilot.name = 'Chan Tai Man';
    d.responsiblePerson.name = 'Wong Siu Ming';
    const out = applicationPlan(plan, d, { name: 'Delivery trial', pilotFollowsRoute: true, relaxations: ['bvlos'] });
    const [lon, lat] = plan.route.coordinates[0];
    expect(out.operation.pilotPosition).toEqual([lon, lat]);
    expect(out.operation.vlos).toBe(false);
    expect(out.operation.purpose).toBe('delivery');
    expect(out.aircraft).toMatchObject({ model: 'DJI FlyCart 30', mass: { value: 65, unit: 'kg' } });
    expect(out.aircraft.registration).toBe('SUA-0042');
    expect(out.route).toEqual(plan.route);
    expect(FlightPlanSchema.safeParse(out).success).toBe(true);
    expect(applicationCrew(out, undefined)).toEqual([
      { name: 'Chan Tai Man', role: 'remote-pilot' },
      { name: 'Wong Siu Ming', role: 'responsible-person' },
    ]);
    // a pilot the applicant placed stays where they put them; without bvlos asked, the operation stays VLOS
    d.operation.pilotPosition = [114.1, 22.4];
    const placed = applicationPlan(plan, d, { name: 'x', pilotFollowsRoute: false, relaxations: ['height'] });
    expect(placed.operation.pilotPosition).toEqual([114.1, 22.4]);
    expect(placed.operation.vlos).toBe(true);
  });

  it("revising or coming from the plan checker starts from the plan's own details", () => {
    const plan = imported();
    const d = startDetails(plan, 'delivery');
    expect(d.aircraft).toEqual(plan.aircraft);
    expect(d.operation).toEqual(plan.operation);
    d.aircraft.mass.value = 1;
    expect(plan.aircraft.mass.value).not.toBe(1);
  });
});
