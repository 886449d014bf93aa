import { ApplicationContent, type Report, type RevisionCheck } from '@sua-sandbox/rules/model';
import { actorOf, type Principal } from '../auth/principal.js';
import { AppError, issuesFromZod } from '../errors.js';
import type { StoredApplicationRevision } from '../store/types.js';
import type { CheckService } from './checks.js';

/** An applicant's application content, validated (issue paths under body). */
export function parseContent(input: unknown): ApplicationContent {
  const r = ApplicationContent.safeParse(input);
  if (!r.success)
    throw new AppError({
      code: 'validation_failed',
      status: 400,
      message: 'invalid application',
      issues: issuesFromZod(r.error).map((i) => ({ ...i, path: ['body', ...i.path] })),
    });
  return r.data;
}

/** The engine's report on each plan, under the rulebook in force on its take-off date (kept as reports). */
export async function checkPlans(
  checkService: CheckService,
  content: ApplicationContent,
  p: Principal,
): Promise<{ checks: RevisionCheck[]; reports: Report[] }> {
  const checks: RevisionCheck[] = [];
  const reports: Report[] = [];
  for (const [i, plan] of content.plans.entries()) {
    const out = await checkService.check(
      { plan },
      { actor: actorOf(p) },
      {
        planId: null,
        reader: p,
        issuePath: (path) => ['body', 'plans', i, ...path.slice(1)],
      },
    );
    checks.push({
      planIndex: i,
      reportId: out.reportId,
      verdict: out.report.verdict,
      rulebook: { id: out.report.rulebook.id, version: out.report.rulebook.version },
    });
    reports.push(out.report);
  }
  return { checks, reports };
}

export function revisionRecord(
  applicationId: string,
  number: number,
  content: ApplicationContent,
  checks: RevisionCheck[],
  reports: Report[],
  createdBy: string,
): Omit<StoredApplicationRevision, 'createdAt'> {
  return {
    applicationId,
    number,
    content,
    checks,
    reports,
    rulebookId: checks[0]?.rulebook.id ?? null,
    rulebookVersion: checks[0]?.rulebook.version ?? null,
    createdBy,
  };
}
