import { operations } from '@sua-sandbox/rules/api';
import type { FlightPlan, FlightPlanInput, Report } from '@sua-sandbox/rules/model';
import { call } from '../net/api.js';

export async function checkPlan(plan: FlightPlanInput, rulebookId: string, asOf: string): Promise<Report> {
  const body: Record<string, unknown> = { plan };
  if (rulebookId) body.rulebook = rulebookId;
  if (asOf) body.asOf = asOf;
  return call(operations.check, { body });
}

/**
 * Import a route file (GeoJSON, QGC .plan, KML/KMZ, GPX) through the server: POST /api/plans/import as
 * multipart with the file and a template (aircraft, crew, operation, start) that completes it into a FlightPlan.
 * Stateless: the public plan checker stores nothing.
 */
export async function importPlanFile(
  file: File,
  template: Omit<FlightPlanInput, 'route'>,
  options: Record<string, unknown>,
): Promise<{ plan: FlightPlan; warnings: string[] }> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('template', JSON.stringify(template));
  form.append('options', JSON.stringify(options));
  return call(operations.importPlanFile, { form });
}
