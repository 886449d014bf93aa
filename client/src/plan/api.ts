import { type FlightPlan, type FlightPlanInput, Report } from '@sua-sandbox/rules/model';
import { ApiError, api, issuesFromZod, upload } from '../net/api.js';

export async function checkPlan(plan: FlightPlanInput, rulebookId: string, asOf: string): Promise<Report> {
  const body: Record<string, unknown> = { plan };
  if (rulebookId) body.rulebook = rulebookId;
  if (asOf) body.asOf = asOf;
  const raw = await api.post('api/check', body);
  const parsed = Report.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(
      200,
      'bad_response',
      'the report from the server does not match the Report schema',
      issuesFromZod(parsed.error),
    );
  return parsed.data;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The plan inside a POST /api/plans answer: either the plan itself or `{ id, plan }`. */
function planOf(body: unknown): FlightPlan | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.route)) return body as unknown as FlightPlan;
  if (isRecord(body.plan) && isRecord(body.plan.route)) return body.plan as unknown as FlightPlan;
  return undefined;
}

/**
 * Import a route file (GeoJSON, QGC .plan, KML/KMZ, GPX) through the server: POST /api/plans as multipart
 * with the file and a template (aircraft, crew, operation, start) that completes it into a FlightPlan.
 */
export async function importPlanFile(
  file: File,
  template: Omit<FlightPlanInput, 'route'>,
  options: Record<string, unknown>,
): Promise<{ plan: FlightPlan; id?: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('template', JSON.stringify(template));
  form.append('options', JSON.stringify(options));
  const body = await upload('api/plans', form);
  const plan = planOf(body);
  if (!plan) throw new ApiError(200, 'bad_response', 'the server did not return a plan');
  const id = isRecord(body) && typeof body.id === 'string' ? body.id : plan.id;
  return { plan, id };
}
