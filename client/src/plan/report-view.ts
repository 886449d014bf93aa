import type { Finding, Report } from '@sua-sandbox/rules/model';
import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { rulebookTitle } from '../app/lists.js';
import { type MessageKey, t, worded } from '../i18n/index.js';
import { findingStatus, type Status, worst } from '../live/status.js';
import { citationLink } from '../ui/citation.js';
import { h } from '../ui/dom.js';
import { findingItem, legSpan } from '../ui/finding.js';

/** Worst finding status per leg, for colouring the route. */
export function legStatuses(report: Report | undefined, legs: number): (Status | 'planned')[] {
  const out: (Status | 'planned')[] = Array.from({ length: legs }, () => 'planned');
  for (const f of report?.findings ?? []) {
    if (!f.where) continue;
    const s = findingStatus(f);
    // A finding over a run of legs colours every leg of the run.
    const last = Math.min(f.where.legs?.last ?? f.where.leg, legs - 1);
    for (let leg = f.where.leg; leg <= last; leg++) {
      const cur = out[leg];
      out[leg] = cur === 'planned' ? s : worst(cur, s);
    }
  }
  return out;
}

/** Numbered pins at each finding's position (DOM markers: focusable, no glyphs needed). */
export class FindingPins {
  private markers: Marker[] = [];

  constructor(private readonly map: MapLibreMap) {}

  set(findings: readonly Finding[], onClick: (i: number) => void): void {
    this.clear();
    findings.forEach((f, i) => {
      if (!f.where) return;
      const el = h(
        'button',
        {
          type: 'button',
          class: `pin pin-${findingStatus(f)}`,
          'aria-label': `${i + 1}: ${worded(f, f.message)}`,
          'data-finding': i,
        },
        String(i + 1),
      );
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        onClick(i);
      });
      this.markers.push(
        new Marker({ element: el }).setLngLat([f.where.position[0], f.where.position[1]]).addTo(this.map),
      );
    });
  }

  clear(): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
  }
}

export interface ReportViewOptions {
  onShowFinding(i: number): void;
  onExportJson(): void;
  onExportHtml(): void;
  stale: boolean;
}

/** Verdict, category, operation class, permissions required, every finding with its leg, assumptions. */
export function reportView(report: Report, opts: ReportViewOptions): HTMLElement {
  const findings = h(
    'ol',
    { class: 'feed', 'data-testid': 'plan-findings' },
    report.findings.map((f, i) => {
      const li = findingItem(f, {
        title: `${i + 1}${f.where ? ` · ${legSpan(f)}` : ''}`,
        onShow: () => opts.onShowFinding(i),
      });
      li.id = `plan-finding-${i}`;
      li.dataset.leg = f.where ? String(f.where.leg) : '';
      return li;
    }),
  );
  const exportJson = h('button', { type: 'button', class: 'btn' }, t('plan.exportJson'));
  exportJson.addEventListener('click', opts.onExportJson);
  const exportHtml = h('button', { type: 'button', class: 'btn' }, t('plan.exportHtml'));
  exportHtml.addEventListener('click', opts.onExportHtml);
  return h(
    'section',
    { class: 'report', 'data-verdict': report.verdict, 'aria-live': 'polite' },
    h('h3', {}, t('plan.result')),
    opts.stale ? h('p', { class: 'warn small' }, t('plan.recheck')) : null,
    h(
      'p',
      {},
      h(
        'span',
        { class: `verdict verdict-${report.verdict}`, 'data-testid': 'verdict' },
        t(`verdict.${report.verdict}` as MessageKey),
      ),
    ),
    h(
      'dl',
      { class: 'report-facts' },
      h(
        'div',
        { class: 'kv' },
        h('dt', {}, t('plan.category')),
        h('dd', { 'data-testid': 'category' }, report.category),
      ),
      h('div', { class: 'kv' }, h('dt', {}, t('plan.column')), h('dd', {}, report.column ?? '—')),
      h(
        'div',
        { class: 'kv' },
        h('dt', {}, t('plan.operation')),
        h('dd', { 'data-testid': 'operation' }, t(`op.${report.operation}` as MessageKey)),
      ),
      h(
        'div',
        { class: 'kv' },
        h('dt', {}, t('plan.rulebook')),
        h('dd', {}, `${rulebookTitle(report.rulebook)} (${report.rulebook.version})`),
      ),
    ),
    report.permissionsRequired.length
      ? h(
          'section',
          {},
          h('h4', {}, t('plan.permissionsRequired')),
          h(
            'ul',
            {},
            report.permissionsRequired.map((p) =>
              h('li', {}, h('strong', {}, p.trigger), ': ', worded(p, p.message), ' ', citationLink(p.provision)),
            ),
          ),
        )
      : null,
    h('h4', {}, `${t('plan.findings')} (${report.findings.length})`),
    report.findings.length ? findings : h('p', { class: 'muted empty' }, t('plan.noFindings')),
    report.assumptions.length
      ? h(
          'details',
          {},
          h('summary', {}, t('plan.assumptions')),
          h(
            'ul',
            { class: 'small' },
            report.assumptions.map((a) => h('li', {}, worded(a, a))),
          ),
        )
      : null,
    h('div', { class: 'row' }, exportJson, exportHtml),
  );
}
