import { type MessageKey, t, worded } from '../i18n/index.js';
import { citationLink } from '../ui/citation.js';
import { h } from '../ui/dom.js';
import type { DiffChange } from './api.js';
import type { ImpactOutcome, ImpactRow } from './impact.js';

const verdictText = (v: string) => {
  const k = `verdict.${v}` as MessageKey;
  const text = t(k);
  return text === k ? v : text;
};

export function diffView(changes: readonly DiffChange[]): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'muted empty' }, t('wb.noDiff'));
  return h(
    'ul',
    { class: 'diff', 'data-testid': 'diff' },
    changes.map((c) =>
      h(
        'li',
        { class: 'diff-item', 'data-kind': c.kind },
        h('strong', {}, c.kind),
        ' ',
        worded(c, c.summary),
        h('div', { class: 'small' }, citationLink(c.citation)),
      ),
    ),
  );
}

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A rule's name in the current language, from its id (the draft's base rulebook knows them). */
export type RuleName = (ruleId: string) => string;

const VERDICT_COLOUR = '#c2410c';
const CHURN_COLOUR = '#868e96';

/** Horizontal bars per rule: plans whose verdict changed, and plans whose findings of that rule changed. */
export function ruleChart(outcome: ImpactOutcome, ruleName: RuleName): Element {
  const rules = outcome.summary.rules.filter((r) => r.verdictChanges > 0 || r.plansAdded > 0 || r.plansRemoved > 0);
  // not wb.noImpact: the list of changed plans under the chart says that already
  if (rules.length === 0) return h('p', { class: 'muted' }, t('wb.noRuleImpact'));
  const max = Math.max(1, ...rules.map((r) => Math.max(r.verdictChanges, r.plansAdded, r.plansRemoved)));
  const rowH = 22;
  const labelW = 190;
  const barW = 200;
  const height = rules.length * rowH + 8;
  const chart = svg('svg', {
    class: 'chart',
    width: labelW + barW + 40,
    height,
    role: 'img',
    'aria-label': t('wb.byRule'),
  });
  rules.forEach((r, i) => {
    const y = i * rowH + 4;
    const name = ruleName(r.ruleId);
    chart.append(svg('text', { x: 0, y: y + 13 }, name.length > 30 ? `${name.slice(0, 29)}…` : name));
    const w = (r.verdictChanges / max) * barW;
    chart.append(svg('rect', { x: labelW, y, width: Math.max(w, 1), height: 9, fill: VERDICT_COLOUR }));
    const churn = ((r.plansAdded + r.plansRemoved) / max) * barW;
    chart.append(
      svg('rect', { x: labelW, y: y + 10, width: Math.max(Math.min(churn, barW), 1), height: 5, fill: CHURN_COLOUR }),
    );
    chart.append(svg('text', { x: labelW + w + 4, y: y + 9 }, String(r.verdictChanges)));
  });
  const swatch = (colour: string) => h('span', { class: 'swatch', style: `background:${colour}` });
  return h(
    'figure',
    { class: 'chart-figure' },
    chart,
    h(
      'figcaption',
      {},
      h(
        'ul',
        { class: 'chart-legend', 'data-testid': 'wb-chart-legend' },
        h('li', {}, swatch(VERDICT_COLOUR), ' ', t('wb.legendVerdict')),
        h('li', {}, swatch(CHURN_COLOUR), ' ', t('wb.legendChurn')),
      ),
    ),
  );
}

/** "1 plan changes verdict" / "3 plans change verdict". */
export function changedCountText(n: number): string {
  return t(n === 1 ? 'wb.changedCountOne' : 'wb.changedCount', { n });
}

/** The plans whose outcome changed, each with a button to see it before and after. */
export function changedTable(
  rows: readonly ImpactRow[],
  ruleName: RuleName,
  onOpen: (row: ImpactRow) => void,
): HTMLElement {
  const changed = rows.filter((r) => r.changed);
  return h(
    'table',
    { 'data-testid': 'impact-table', class: 'impact-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('wb.plan')),
        h('th', {}, t('wb.before')),
        h('th', {}, t('wb.after')),
        h('th', {}, t('wb.rules')),
        h('th', {}, h('span', { class: 'sr-only' }, t('wb.actions'))),
      ),
    ),
    h(
      'tbody',
      {},
      changed.map((r) => {
        const open = h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'aria-label': t('wb.beforeAfterOf', { name: r.name ?? r.planKey }),
          },
          t('wb.beforeAfter'),
        );
        open.addEventListener('click', () => onOpen(r));
        const rules = (r.detail?.rules ?? []).map(
          (x) => `${ruleName(x.ruleId)} ${x.added ? `+${x.added}` : ''}${x.removed ? `−${x.removed}` : ''}`,
        );
        return h(
          'tr',
          { class: r.before !== r.after ? 'verdict-change' : '' },
          h('td', {}, r.name ?? r.planKey),
          h('td', {}, verdictText(r.before)),
          h('td', {}, verdictText(r.after)),
          h('td', { class: 'small' }, rules.join(', ')),
          h('td', {}, open),
        );
      }),
    ),
  );
}

export function impactView(outcome: ImpactOutcome, ruleName: RuleName, onOpen: (row: ImpactRow) => void): HTMLElement {
  const s = outcome.summary;
  const changed = outcome.rows.filter((r) => r.changed);
  return h(
    'section',
    { class: 'impact', 'data-changed': s.changed, 'data-verdict-changed': s.verdictChanged },
    h('p', { class: 'big', 'data-testid': 'impact-count' }, changedCountText(s.verdictChanged)),
    h('p', { class: 'small muted' }, t('wb.changedOf', { changed: s.changed, evaluated: s.evaluated })),
    s.transitions.length
      ? h(
          'ul',
          { class: 'small' },
          s.transitions
            .filter((x) => x.from !== x.to)
            .map((x) => h('li', {}, `${verdictText(x.from)} → ${verdictText(x.to)}: ${x.count}`)),
        )
      : null,
    h('h4', {}, t('wb.byRule')),
    ruleChart(outcome, ruleName),
    changed.length ? changedTable(changed, ruleName, onOpen) : h('p', { class: 'muted' }, t('wb.noImpact')),
  );
}
