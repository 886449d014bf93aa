import type { FlightPlanInput, Route } from '../model/plan.js';
import type { ImportedRoute } from './types.js';

/** Everything a flight plan needs besides the route: aircraft, pilot, operation, start… */
export type FlightPlanTemplate = Omit<FlightPlanInput, 'route'>;

/** Combines an imported route with the rest of a plan; the template's name wins over the file's. */
export function planFromImport(imported: ImportedRoute | Route, template: FlightPlanTemplate): FlightPlanInput {
  if ('route' in imported) {
    const name = template.name ?? imported.name;
    return { ...template, ...(name !== undefined ? { name } : {}), route: imported.route };
  }
  return { ...template, route: imported };
}
