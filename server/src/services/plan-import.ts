import {
  type ImportFormat,
  ImportLimitError,
  ImportOptions,
  importRoute,
  PlanImportError,
  planFromImport,
} from '@sua-sandbox/rules/imports';
import { FlightPlan } from '@sua-sandbox/rules/model';
import { type BudgetProblem, type Budgets, budgetProblem, lowerBudget } from '../budgets.js';
import { GROUND_MODELS, type GroundModelId, loadImportGround } from '../data/terrain.js';
import { type ApiIssue, AppError, budgetExceeded, issuesFromZod } from '../errors.js';
import type { WorkPool } from '../workers/pool.js';

export interface PlanUpload {
  content: Uint8Array;
  fileName: string;
  format: ImportFormat;
  /** everything but the route (aircraft, pilot, operation, start...) */
  template: Record<string, unknown>;
  options?: unknown;
  name?: string;
}

/** What the import task needs: plain data (it runs in a worker thread). Options already carry the limits. */
export interface PlanImportTaskInput {
  content: Uint8Array;
  fileName: string;
  format: ImportFormat;
  template: Record<string, unknown>;
  options: ImportOptions;
  name?: string;
  maxWaypoints: number;
  /** the ground model (by id, loaded in the worker) that converts heights relative to the launch point to AMSL */
  ground?: GroundModelId;
}

/** A refusal that crosses the worker boundary as data; the server turns it into an AppError. */
export type ImportProblem =
  | { kind: 'budget'; problem: BudgetProblem }
  | { kind: 'bad-request' | 'invalid'; message: string; issues: ApiIssue[] };

export type PlanImportTaskOutput =
  | { ok: true; plan: FlightPlan; warnings: string[]; format: string }
  | { ok: false; problem: ImportProblem };

/**
 * A flight plan from an uploaded route file (GeoJSON, QGC .plan, KML/KMZ, GPX) and a JSON template. Pure.
 * Issues point at the form field to fix: `body.file` for the route file, `body.template.*` for the rest.
 */
export function importPlanTask(input: PlanImportTaskInput): PlanImportTaskOutput {
  // KMZ is a zip archive: keep bytes; every other format is text.
  const isKmz = input.format === 'kmz' || /\.kmz$/i.test(input.fileName);
  const content = isKmz ? input.content : new TextDecoder().decode(input.content);
  let imported: ReturnType<typeof importRoute>;
  try {
    const ground = input.ground ? loadImportGround(input.ground) : undefined;
    imported = importRoute(content, input.format, input.options, ground ? { ground } : {});
  } catch (err) {
    if (err instanceof ImportLimitError) {
      const what = `${err.entry} inflates to more than ${err.limit} bytes`;
      return {
        ok: false,
        problem: { kind: 'budget', problem: budgetProblem('uncompressedBytes', what, err.limit, ['body', 'file']) },
      };
    }
    if (err instanceof PlanImportError) {
      const path = ['body', 'file', err.item, ...(err.field ? [err.field] : [])];
      const message = `could not import ${input.fileName}: ${err.message}`;
      return { ok: false, problem: { kind: 'bad-request', message, issues: [{ path, message: err.problem }] } };
    }
    throw err;
  }
  const waypoints = imported.route.coordinates.length;
  if (waypoints > input.maxWaypoints) {
    const what = `the imported route has ${waypoints} waypoints`;
    const problem = budgetProblem('waypoints', what, input.maxWaypoints, ['body', 'file']);
    return { ok: false, problem: { kind: 'budget', problem } };
  }
  const { route: _r, ...template } = input.template;
  const plan = planFromImport(imported, {
    ...(template as Omit<FlightPlan, 'route'>),
    ...(input.name ? { name: input.name } : {}),
  });
  const parsed = FlightPlan.safeParse(plan);
  if (!parsed.success) {
    // the route comes from the file, everything else from the template
    const issues = issuesFromZod(parsed.error).map((i) => ({
      ...i,
      path: [...(i.path[0] === 'route' ? ['body', 'file'] : ['body', 'template']), ...i.path],
    }));
    return { ok: false, problem: { kind: 'invalid', message: 'the imported plan is invalid', issues } };
  }
  return { ok: true, plan: parsed.data, warnings: imported.warnings, format: imported.format };
}

/** Where an upload's plan issue points: the route at the file, the rest at the template (POST /api/plans). */
export const uploadIssuePath = (p: (string | number)[]) =>
  p[0] === 'route' ? ['body', 'file', ...p] : ['body', 'template', ...p];

function problemError(p: ImportProblem): AppError {
  if (p.kind === 'budget') return budgetExceeded(p.problem);
  if (p.kind === 'invalid')
    return new AppError({ code: 'validation_failed', status: 400, message: p.message, issues: p.issues });
  return new AppError({ code: 'bad_request', status: 400, message: p.message, issues: p.issues });
}

/** The import task in the worker pool: the plan and warnings, or the AppError the synchronous upload answers. */
export async function runPlanImport(pool: WorkPool, input: PlanImportTaskInput, opts: { signal?: AbortSignal } = {}) {
  const out = await pool.run('plan-import', input, opts);
  if (!out.ok) throw problemError(out.problem);
  return { plan: out.plan, warnings: out.warnings, format: out.format };
}

/** Plan imports through the worker pool, within the server's budgets. */
export class PlanImportService {
  private readonly ground: GroundModelId | undefined;

  /** `groundModelId`: the id of the server's elevation model; one that is not a shipped model is not used. */
  constructor(
    private readonly pool: WorkPool,
    private readonly budgets: Budgets,
    groundModelId?: string,
  ) {
    this.ground = (GROUND_MODELS as readonly string[]).includes(groundModelId ?? '')
      ? (groundModelId as GroundModelId)
      : undefined;
  }

  /**
   * Import options with the server's limits applied: a request may lower a limit (e.g.
   * `maxUncompressedBytes`), never raise it (413/422 naming `body.options.<name>`).
   */
  importOptions(raw: unknown): ImportOptions {
    const parsed = ImportOptions.safeParse(raw ?? {});
    if (!parsed.success)
      throw new AppError({
        code: 'validation_failed',
        status: 400,
        message: 'invalid import options',
        issues: issuesFromZod(parsed.error, ['body', 'options']),
      });
    const opts = parsed.data;
    const at = (field: string) => ['body', 'options', field];
    const limits = [
      lowerBudget(
        'uncompressedBytes',
        opts.maxUncompressedBytes,
        this.budgets.uncompressedBytes,
        at('maxUncompressedBytes'),
      ),
      lowerBudget('xmlDepth', opts.maxXmlDepth, this.budgets.xmlDepth, at('maxXmlDepth')),
      lowerBudget('xmlEntities', opts.maxXmlEntities, this.budgets.xmlEntities, at('maxXmlEntities')),
    ] as const;
    for (const l of limits) if (!l.ok) throw budgetExceeded(l.problem);
    const [bytes, depth, entities] = limits.map((l) => (l.ok ? l.value : 0));
    return { ...opts, maxUncompressedBytes: bytes, maxXmlDepth: depth, maxXmlEntities: entities };
  }

  /**
   * What the import task runs for an upload: plain data with the server's limits in it (a refused option is
   * answered here, at once), so a background job runs it anywhere with the limits of the request that made it.
   */
  taskInput(u: PlanUpload): PlanImportTaskInput {
    // a view of a larger buffer would clone all of it to the worker
    const whole = u.content.byteOffset === 0 && u.content.byteLength === u.content.buffer.byteLength;
    return {
      content: whole ? u.content : u.content.slice(),
      fileName: u.fileName,
      format: u.format,
      template: u.template,
      options: this.importOptions(u.options),
      ...(u.name ? { name: u.name } : {}),
      maxWaypoints: this.budgets.waypoints,
      ...(this.ground ? { ground: this.ground } : {}),
    };
  }

  async fromUpload(u: PlanUpload, opts: { signal?: AbortSignal } = {}) {
    return runPlanImport(this.pool, this.taskInput(u), opts);
  }

  /** A plan stored as JSON (already validated) must fit the same waypoint budget as an imported one. */
  assertWithinBudgets(plan: FlightPlan): void {
    const n = plan.route.coordinates.length;
    if (n > this.budgets.waypoints)
      throw budgetExceeded(
        budgetProblem('waypoints', `plan has ${n} waypoints`, this.budgets.waypoints, ['body', 'route', 'coordinates']),
      );
  }
}
