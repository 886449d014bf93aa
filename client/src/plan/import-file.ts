import { FlightPlan } from '@sua-sandbox/rules/model';
import { ApiError, issuesFromZod } from '../net/api.js';
import { importPlanFile } from './api.js';
import { DEFAULT_ALT_M, DEFAULT_SPEED_KMH, fromFlightPlan, type PlanState, toFlightPlan } from './state.js';

/**
 * The editor state after opening `file` on top of `state`: a FlightPlan saved as JSON (ours, e.g.
 * scenarios/plans/*.json) opens directly; route files (GeoJSON, QGC .plan, KML/KMZ, GPX) are read by the server,
 * completed with the form's aircraft, crew and time. Stateless: nothing is stored, so any number of imports in a
 * row work. Throws ApiError with the issues.
 */
export async function openPlanFile(file: File, state: PlanState): Promise<PlanState> {
  const saved = await savedPlan(file);
  if (saved) return fromFlightPlan(saved, state);
  const { route: _r, ...template } = toFlightPlan({ ...state, waypoints: [] });
  // What the file leaves out: altitudes (2-D files), speeds, and the reference of GeoJSON altitudes.
  const options = {
    defaultAltitude: { value: DEFAULT_ALT_M, ref: state.altitudeRef, unit: 'm' },
    defaultSpeed: { value: DEFAULT_SPEED_KMH, unit: 'km/h' },
    altitudeRef: state.altitudeRef,
  };
  const { plan } = await importPlanFile(file, template, options);
  const next = fromFlightPlan(plan, state);
  if (!plan.aircraft) next.details = state.details;
  return next;
}

/** A FlightPlan saved as JSON, or undefined when the file is something else (a route file for the server). */
async function savedPlan(file: File): Promise<FlightPlan | undefined> {
  if (!/\.json$/i.test(file.name)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('aircraft' in json) || !('route' in json)) return undefined;
  const parsed = FlightPlan.safeParse(json);
  if (!parsed.success) throw new ApiError(400, 'validation_failed', file.name, issuesFromZod(parsed.error));
  return parsed.data;
}
