import type { FlightPlanInput, Route } from '../model/plan.js';
import { fenceZones } from './qgc-fence-zones.js';
import type { ImportedRoute } from './types.js';

/** Everything a flight plan needs besides the route: aircraft, pilot, operation, start… */
export type FlightPlanTemplate = Omit<FlightPlanInput, 'route'>;

/**
 * Combines an imported route with the rest of a plan; the template's name wins over the file's. The file's own
 * geofence (QGC) joins the plan's extra zones, so every check of the plan sees it.
 */
export function planFromImport(imported: ImportedRoute | Route, template: FlightPlanTemplate): FlightPlanInput {
  if ('route' in imported) {
    const name = template.name ?? imported.name;
    const fence = fenceZones(imported.fence);
    return {
      ...template,
      ...(name !== undefined ? { name } : {}),
      ...(fence.length ? { extraZones: [...(template.extraZones ?? []), ...fence] } : {}),
      route: imported.route,
    };
  }
  return { ...template, route: imported };
}
