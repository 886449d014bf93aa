import {
  type ImportFormat,
  ImportOptions,
  importRoute,
  PlanImportError,
  planFromImport,
} from '../../../rules/src/imports/index.js';
import { FlightPlan } from '../../../rules/src/model/index.js';
import { AppError, badRequest, type IssueOut, issuesFrom } from '../errors.js';

export interface PlanUpload {
  content: Uint8Array;
  fileName: string;
  format: ImportFormat;
  /** everything but the route (aircraft, pilot, operation, start...) */
  template: Record<string, unknown>;
  options?: unknown;
  name?: string;
}

/**
 * A flight plan from an uploaded route file (GeoJSON, QGC .plan, KML/KMZ, GPX) and a JSON template.
 * Issues point at the form field to fix: `body.file` for the route file, `body.template.*` for the rest.
 */
export function planFromUpload(u: PlanUpload) {
  const opts = ImportOptions.safeParse(u.options ?? {});
  if (!opts.success)
    throw new AppError({
      code: 'validation_failed',
      status: 400,
      message: 'invalid import options',
      issues: issuesFrom(opts.error, ['body', 'options']),
    });
  // KMZ is a zip archive: keep bytes; every other format is text.
  const content = u.format === 'kmz' || /\.kmz$/i.test(u.fileName) ? u.content : new TextDecoder().decode(u.content);
  let imported: ReturnType<typeof importRoute>;
  try {
    imported = importRoute(content, u.format, u.options === undefined ? undefined : opts.data);
  } catch (err) {
    if (err instanceof PlanImportError)
      throw badRequest(
        `could not import ${u.fileName}: ${err.message}`,
        [{ path: ['body', 'file', err.item, ...(err.field ? [err.field] : [])], message: err.problem }],
        err,
      );
    throw err;
  }
  const { route: _r, ...template } = u.template;
  const input = planFromImport(imported, {
    ...(template as Omit<FlightPlan, 'route'>),
    ...(u.name ? { name: u.name } : {}),
  });
  const parsed = FlightPlan.safeParse(input);
  if (!parsed.success) {
    const issues: IssueOut[] = parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      return {
        path: path[0] === 'route' ? ['body', 'file', ...path] : ['body', 'template', ...path],
        message: i.message,
      };
    });
    throw new AppError({ code: 'validation_failed', status: 400, message: 'the imported plan is invalid', issues });
  }
  return { plan: parsed.data, warnings: imported.warnings, format: imported.format };
}
