import type { ApplicationTimeline } from '@sua-sandbox/rules/api';
import type { FlightPlan, Report, WorkflowSide } from '@sua-sandbox/rules/model';
import { EDITABLE_STATES } from '@sua-sandbox/rules/workflow';
import { type MessageKey, t } from '../i18n/index.js';
import { exportReportHtml, exportReportJson } from '../plan/export.js';
import { reportView } from '../plan/report-view.js';
import { h } from '../ui/dom.js';
import { type ActionRequest, actionsPanel } from './actions.js';
import type { ApplicationDetail } from './api.js';
import { contentSummary } from './summary.js';
import { stateLabel, timelineView } from './timeline.js';

export interface DetailOptions {
  side: WorkflowSide;
  /** every move and revision, with who made them as this reader may know */
  timeline: ApplicationTimeline;
  /** the applicant's re-check of the plan declaring the permission, when run */
  recheck: Report | undefined;
  busy: boolean;
  /** the conditions of the approval being prepared (the envelope editor's fieldset), when approving */
  conditions: HTMLElement | null;
  /** the comment typed so far, kept across renders */
  typed: { comment: string };
  onAction(req: ActionRequest): void;
  /** the applicant revises the content (draft or changes requested) */
  onRevise(): void;
  onRecheck(): void;
  onShowFinding(report: Report, i: number): void;
  /** open the application's plan in the plan checker (to try changes before a new revision) */
  onOpenPlan(plan: FlightPlan): void;
}

function reportSection(
  detail: ApplicationDetail,
  plan: FlightPlan,
  report: Report,
  onShow: (i: number) => void,
): HTMLElement {
  const a = detail.application;
  const latest = detail.permission.at(-1);
  const printed = {
    id: a.id,
    title: a.title,
    state: stateLabel(a.state),
    ...(latest && {
      permission: `${latest.permissionId} v${latest.version} · ${t(`apps.permStatus.${latest.status}` as MessageKey)}`,
    }),
  };
  return reportView(report, {
    stale: false,
    onShowFinding: onShow,
    onExportJson: () => exportReportJson(plan, report),
    onExportHtml: () => exportReportHtml(plan, report, [], printed),
  });
}

/** The latest permission version: its status and altitude band, what the regulator approved. */
function permissionSummary(detail: ApplicationDetail): HTMLElement | null {
  const latest = detail.permission.at(-1);
  if (!latest) return null;
  const { lower, upper } = latest.permission.altitudeBand;
  return h(
    'p',
    { class: 'small', 'data-testid': 'app-permission', 'data-status': latest.status },
    t('apps.permission', {
      id: latest.permissionId,
      version: latest.version,
      status: t(`apps.permStatus.${latest.status}` as MessageKey),
      band: `${lower.value}–${upper.value} ${upper.unit} ${upper.ref}`,
    }),
  );
}

/** A re-check under a permission that covers nothing now (revoked, suspended, expired, pending) says so. */
function notCovering(detail: ApplicationDetail): HTMLElement | null {
  const latest = detail.permission.at(-1);
  if (!latest || latest.status === 'active') return null;
  return h(
    'p',
    { class: 'callout small', role: 'note', 'data-testid': 'app-recheck-not-covering' },
    t('apps.recheckNotCovering', {
      id: latest.permissionId,
      status: t(`apps.permStatus.${latest.status}` as MessageKey),
    }),
  );
}

/** The regulator's reasons when changes were asked for, shown above everything else while they are pending. */
function changesRequested(detail: ApplicationDetail, opts: DetailOptions): HTMLElement | null {
  if (detail.application.state !== 'changes-requested') return null;
  const asked = opts.timeline.transitions.filter((tr) => tr.action === 'request-changes').at(-1);
  return h(
    'div',
    { class: 'callout app-changes-requested', role: 'note', 'data-testid': 'app-changes-requested' },
    h('strong', {}, t('apps.regulatorAsked')),
    asked?.comment ? h('blockquote', { class: 'app-comment' }, asked.comment) : null,
    opts.side === 'applicant' ? h('p', { class: 'small' }, t('apps.reviseHint')) : null,
  );
}

/** One application: state, permission, latest report, the re-check, the timeline and the actions of this side. */
export function applicationDetail(detail: ApplicationDetail, opts: DetailOptions): HTMLElement {
  const { application: app, revision } = detail;
  const plan = revision.content.plans[0];
  const report = revision.reports[0];
  const canRecheck = opts.side === 'applicant' && app.permissionId !== null && plan !== undefined;
  const canRevise = opts.side === 'applicant' && EDITABLE_STATES.includes(app.state);
  return h(
    'section',
    { class: 'app-detail', 'data-testid': 'app-detail', 'data-state': app.state },
    h('h3', {}, app.title),
    h(
      'p',
      {},
      h(
        'span',
        { class: `app-state app-state-${app.state}`, 'data-testid': 'app-detail-state' },
        stateLabel(app.state),
      ),
      ' · ',
      t(`apps.scenario.${app.scenario}` as MessageKey),
      ' · ',
      t('apps.revision', { n: app.revision }),
    ),
    contentSummary(revision.content),
    changesRequested(detail, opts),
    permissionSummary(detail),
    actionsPanel(app.state, opts.side, opts.conditions, opts.typed, opts.onAction),
    h(
      'div',
      { class: 'row' },
      canRevise
        ? h(
            'button',
            { type: 'button', class: 'btn', 'data-testid': 'app-revise', onclick: () => opts.onRevise() },
            t('apps.revise'),
          )
        : null,
      plan
        ? h(
            'button',
            { type: 'button', class: 'btn', 'data-testid': 'app-open-plan', onclick: () => opts.onOpenPlan(plan) },
            t('apps.openPlan'),
          )
        : null,
      canRecheck
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn',
              'data-testid': 'app-recheck',
              disabled: opts.busy,
              onclick: opts.onRecheck,
            },
            t('apps.recheck'),
          )
        : null,
    ),
    opts.recheck && plan
      ? h(
          'section',
          { class: 'app-recheck', 'data-testid': 'app-recheck-report' },
          h('h4', {}, t('apps.recheckTitle')),
          notCovering(detail),
          reportSection(detail, plan, opts.recheck, (i) => opts.onShowFinding(opts.recheck ?? report, i)),
        )
      : null,
    h('h4', {}, t('apps.latestReport')),
    plan && report
      ? h(
          'div',
          { 'data-testid': 'app-report' },
          reportSection(detail, plan, report, (i) => opts.onShowFinding(report, i)),
        )
      : h('p', { class: 'muted small' }, t('apps.noChecks')),
    h('h4', {}, t('apps.timeline')),
    timelineView(opts.timeline),
  );
}
