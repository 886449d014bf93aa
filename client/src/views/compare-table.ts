/** The compare view's findings counted side by side: in total, open now and per rule, with B's difference. */
import type { ComparePane } from '../compare/pane.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

/** `ruleName`: a rule's title for its row (the rule id shows on hover). */
export function countsTable(pa: ComparePane, pb: ComparePane, ruleName: (id: string) => string): HTMLElement {
  const rules = [...new Set([...pa.byRule.keys(), ...pb.byRule.keys()])].sort();
  const row = (label: string | Node, x: number, y: number, attrs: Record<string, string> = {}) =>
    h(
      'tr',
      attrs,
      h('th', { scope: 'row' }, label),
      h('td', {}, String(x)),
      h('td', {}, String(y)),
      h('td', {}, y - x > 0 ? `+${y - x}` : String(y - x)),
    );
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, t('cmp.rule')), h('th', {}, 'A'), h('th', {}, 'B'), h('th', {}, t('cmp.difference'))),
    ),
    h(
      'tbody',
      {},
      row(t('cmp.findings'), pa.opened, pb.opened, { 'data-testid': 'cmp-total' }),
      row(t('cmp.open'), pa.mirror?.findings.size ?? 0, pb.mirror?.findings.size ?? 0),
      rules.map((r) =>
        row(h('span', { title: r }, ruleName(r)), pa.byRule.get(r) ?? 0, pb.byRule.get(r) ?? 0, {
          'data-rule': r,
        }),
      ),
    ),
  );
}
