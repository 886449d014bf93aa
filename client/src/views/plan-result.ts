/** The plan checker's result: the report of the checked plan, and what a signed-in applicant can do with it. */
import { FlightPlan, type FlightPlanInput, type Report } from '@sua-sandbox/rules/model';
import type { AppContext } from '../app/context.js';
import { t } from '../i18n/index.js';
import { exportReportHtml, exportReportJson } from '../plan/export.js';
import { reportView } from '../plan/report-view.js';
import type { IntentFromPlan } from '../traffic/from-plan.js';
import { h } from '../ui/dom.js';

export interface PlanResultOptions {
  ctx: AppContext;
  /** the plan was edited since it was checked: the report is marked stale and cannot be applied from */
  stale: boolean;
  toTraffic: IntentFromPlan;
  onShowFinding(i: number): void;
}

/** The report with its exports, then the apply row when the report is fresh and the user can apply. */
export function planResult(
  report: Report,
  checked: FlightPlanInput,
  opts: PlanResultOptions,
): [HTMLElement, HTMLElement | null] {
  const apply = !opts.stale && opts.ctx.canApply() ? applyRow(checked, opts) : null;
  const view = reportView(report, {
    stale: opts.stale,
    onShowFinding: (i) => opts.onShowFinding(i),
    onExportJson: () => exportReportJson(checked, report),
    onExportHtml: () => exportReportHtml(checked, report, opts.ctx.zones.all),
  });
  return [view, apply];
}

/** A signed-in applicant takes the checked plan into a new sandbox application, or to the Traffic view. */
function applyRow(checked: FlightPlanInput, opts: PlanResultOptions): HTMLElement {
  const parsed = FlightPlan.safeParse(checked);
  const intent = opts.toTraffic.button(checked, parsed.success ? parsed.data : undefined);
  return h(
    'div',
    { class: 'row' },
    h(
      'button',
      {
        type: 'button',
        class: 'btn primary',
        'data-testid': 'plan-apply',
        title: t('apps.applyFromCheckerHint'),
        disabled: !parsed.success,
        onclick: () => {
          if (parsed.success) opts.ctx.applyWith(parsed.data);
        },
      },
      t('apps.applyFromChecker'),
    ),
    intent,
  );
}
