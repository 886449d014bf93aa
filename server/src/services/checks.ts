import { randomUUID } from 'node:crypto';
import type { Report } from '../../../rules/src/model/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { AirspaceService } from './airspace.js';
import { type Actor, recordAudit } from './audit.js';
import { type CheckInput, checkPlan } from './check.js';
import type { PermissionService } from './permissions.js';
import type { RulebookService } from './rulebooks.js';

/** Checks through the API: the shared checkPlan, with the server's airspace and permissions; every report is kept. */
export class CheckService {
  constructor(
    private readonly store: Store,
    private readonly rulebooks: RulebookService,
    private readonly airspace: AirspaceService,
    private readonly permissions: PermissionService,
  ) {}

  /**
   * @param opts.issuePath maps an issue path of the check input (`plan.route...`) to where it sits in the
   *   request (a bare plan body: `body.route...`)
   */
  async check(
    input: CheckInput,
    who: Actor,
    opts: { planId: string | null; issuePath: (p: (string | number)[]) => (string | number)[] },
  ): Promise<{ report: Report; reportId: string }> {
    const outcome = await checkPlan(input, {
      rulebooks: this.rulebooks.list(),
      resolveRulebook: (ref) =>
        this.rulebooks.resolve(ref).catch((err) => {
          if (err instanceof AppError && err.status === 404) return undefined;
          throw err;
        }),
      airspace: this.airspace.index(),
      permissions: await this.permissions.all(),
    });
    if (!outcome.ok)
      throw new AppError({
        code: outcome.kind === 'invalid' ? 'validation_failed' : outcome.kind.replaceAll('-', '_'),
        status: 400,
        message: outcome.message,
        issues: outcome.issues.map((i) => ({ path: opts.issuePath(i.path), message: i.message })),
      });
    const { report } = outcome;
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
}
