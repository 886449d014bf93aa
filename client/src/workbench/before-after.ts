import type { FlightPlan, Report } from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { checkPlan } from '../plan/api.js';
import { routeMapSvg } from '../report/map-image.js';
import { h } from '../ui/dom.js';
import { findingItem } from '../ui/finding.js';
import { effectLabel } from '../ui/zone-popup.js';
import type { ImpactRow } from './impact.js';

/** One changed plan judged by the base rulebook and by the draft, side by side. */
export interface BeforeAfter {
  row: ImpactRow;
  plan: FlightPlan;
  before: { label: string; report: Report };
  after: { label: string; report: Report };
}

export async function judgeBoth(
  row: ImpactRow,
  plan: FlightPlan,
  base: { id: string; label: string },
  draft: { id: string; label: string },
): Promise<BeforeAfter> {
  const [before, after] = await Promise.all([checkPlan(plan, base.id, ''), checkPlan(plan, `draft:${draft.id}`, '')]);
  return { row, plan, before: { label: base.label, report: before }, after: { label: draft.label, report: after } };
}

/** The route drawn from its geometry, with the zones around it (the same drawing as the printed report). */
function routeFigure(plan: FlightPlan, zones: readonly ZoneInfo[], findings: Report['findings']): HTMLElement {
  const tpl = document.createElement('template');
  tpl.innerHTML = routeMapSvg({
    route: plan.route.coordinates,
    zones,
    findings,
    title: t('report.mapTitle', { name: plan.name ?? plan.id ?? '' }),
    labels: {
      route: t('report.route'),
      finding: t('report.findingMark'),
      effect: effectLabel,
      scale: (km) => t('report.scale', { km }),
    },
  });
  return h('div', { class: 'wb-route' }, tpl.content);
}

function side(which: 'before' | 'after', x: { label: string; report: Report }): HTMLElement {
  const r = x.report;
  return h(
    'section',
    { class: `ba-side ba-${which}`, 'data-testid': `ba-${which}`, 'data-verdict': r.verdict },
    h('h4', {}, t(which === 'before' ? 'wb.before' : 'wb.after')),
    h('p', { class: 'small muted' }, x.label),
    h('p', {}, h('span', { class: `verdict verdict-${r.verdict}` }, t(`verdict.${r.verdict}` as MessageKey))),
    r.findings.length
      ? h(
          'ol',
          { class: 'feed' },
          r.findings.map((f) => findingItem(f)),
        )
      : h('p', { class: 'muted small' }, t('plan.noFindings')),
  );
}

export function beforeAfterView(
  ba: BeforeAfter,
  zones: readonly ZoneInfo[],
  acts: { openInChecker(): void; close(): void },
): HTMLElement {
  const open = h('button', { type: 'button', class: 'btn' }, t('wb.openInChecker'));
  open.addEventListener('click', acts.openInChecker);
  const close = h('button', { type: 'button', class: 'btn' }, t('common.close'));
  close.addEventListener('click', acts.close);
  return h(
    'section',
    { class: 'before-after', 'data-testid': 'wb-before-after', 'aria-live': 'polite' },
    h('h3', {}, ba.plan.name ?? ba.row.name ?? ba.row.planKey),
    routeFigure(ba.plan, zones, ba.after.report.findings),
    h('div', { class: 'ba-sides' }, side('before', ba.before), side('after', ba.after)),
    h('div', { class: 'row' }, open, close),
  );
}
