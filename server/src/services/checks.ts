import { randomUUID } from 'node:crypto';
import type { Report } from '@sua-sandbox/rules/model';
import { listScope } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { type Budgets, DEFAULT_BUDGETS } from '../budgets.js';
import { AppError, budgetExceeded } from '../errors.js';
import type { Store } from '../store/types.js';
import { AirspaceRefs } from '../workers/airspace-cache.js';
import type { CheckTaskOutput } from '../workers/check-task.js';
import { createInProcessPool, type WorkPool } from '../workers/pool.js';
import { runWithAirspace } from '../workers/with-airspace.js';
import type { AirspaceService } from './airspace.js';
import { type Actor, recordAudit } from './audit.js';
import { type CheckInput, checkResolved, REFUSAL_CODE, resolveRulebookChoice, waypointRefusal } from './check.js';
import type { PermissionService } from './permissions.js';
import type { RulebookService } from './rulebooks.js';

export interface CheckOptions {
  /** who asks: what they may read decides the drafts and permissions the check uses */
  reader: Principal;
  /** maps an issue path of the check input (`plan.route...`) to where it sits in the request */
  issuePath: (p: (string | number)[]) => (string | number)[];
  signal?: AbortSignal;
}

/** The pool and budgets heavy work runs with (default: on the calling thread, default budgets). */
export interface WorkDeps {
  pool: WorkPool;
  budgets: Budgets;
}

/**
 * Checks through the API: the shared check path, with the server's airspace and permissions, run in the
 * worker pool within the server's budgets; every report is kept.
 */
export class CheckService {
  private readonly refs = new AirspaceRefs();
  private readonly work: WorkDeps;

  constructor(
    private readonly store: Store,
    private readonly rulebooks: RulebookService,
    private readonly airspace: AirspaceService,
    private readonly permissions: PermissionService,
    work?: WorkDeps,
  ) {
    this.work = work ?? { pool: createInProcessPool(DEFAULT_BUDGETS), budgets: DEFAULT_BUDGETS };
  }

  /**
   * `reader`: who asks. A stored draft named as the rulebook is read as they may (the access policy), and only the
   * public permissions and their own organisation's cover their check: declaring another's covers nothing.
   */
  private async evaluate(
    input: CheckInput,
    reader: Principal,
    signal?: AbortSignal,
  ): Promise<Exclude<CheckTaskOutput, { kind: 'need-airspace' }>> {
    const rulebook = await resolveRulebookChoice(input, {
      rulebooks: this.rulebooks.list(),
      resolveRulebook: (ref) =>
        this.rulebooks.resolve(ref, reader).catch((err) => {
          if (err instanceof AppError && err.status === 404) return undefined;
          throw err;
        }),
    });
    const { budgets } = this.work;
    const checkBudgets = { waypoints: budgets.waypoints, checkWork: budgets.checkWork, findings: budgets.findings };
    // refused here, before a large plan is copied to a worker
    const tooMany = waypointRefusal(input.plan, checkBudgets);
    if (tooMany) return tooMany;
    const permissions = await this.permissions.covering(listScope(reader));
    const index = this.airspace.index();
    const resolved = { plan: input.plan, zones: input.zones, rulebook };
    if (!this.refs.portable(index)) {
      // a custom ground model cannot be rebuilt in a worker: evaluate here
      const out = checkResolved(resolved, { airspace: index, permissions, budgets: checkBudgets });
      return out.ok ? { ok: true, report: out.report } : out;
    }
    return runWithAirspace(
      this.work.pool,
      'check',
      (airspace) => ({ ...resolved, permissions, airspace, budgets: checkBudgets }),
      index,
      this.refs,
      { signal },
    );
  }

  /**
   * @param opts.issuePath maps an issue path of the check input (`plan.route...`) to where it sits in the
   *   request (a bare plan body: `body.route...`)
   */
  async check(
    input: CheckInput,
    who: Actor,
    opts: CheckOptions & { planId: string | null },
  ): Promise<{ report: Report; reportId: string }> {
    const report = await this.judge(input, opts);
    const reportId = randomUUID();
    await this.store.transaction(async (tx) => {
      await tx.reports.add({
        id: reportId,
        planId: opts.planId,
        rulebookId: report.rulebook.id,
        rulebookVersion: report.rulebook.version,
        verdict: report.verdict,
        report,
      });
      await recordAudit(tx, who, 'check', 'report', reportId, null, {
        planId: opts.planId,
        rulebook: `${report.rulebook.id}@${report.rulebook.version}`,
        verdict: report.verdict,
      });
    });
    return { report, reportId };
  }

  /** The public's check: the same report, nothing stored (no report, no audit entry). */
  checkStateless(input: CheckInput, opts: CheckOptions): Promise<Report> {
    return this.judge(input, opts);
  }

  /** Evaluates in the pool; refusals become errors whose issue paths point into the request. */
  private async judge(input: CheckInput, opts: CheckOptions): Promise<Report> {
    const outcome = await this.evaluate(input, opts.reader, opts.signal);
    if (!outcome.ok && outcome.kind === 'budget')
      throw budgetExceeded({
        status: outcome.status,
        message: outcome.message,
        issues: outcome.issues.map((i) => ({ path: opts.issuePath(i.path), message: i.message })),
      });
    if (!outcome.ok)
      throw new AppError({
        code: REFUSAL_CODE[outcome.kind],
        status: 400,
        message: outcome.message,
        issues: outcome.issues.map((i) => ({ path: opts.issuePath(i.path), message: i.message })),
      });
    return outcome.report;
  }
}
