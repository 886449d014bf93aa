import type { Application, Verdict } from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { stateLabel } from './timeline.js';

/** "2 permission required, 1 compliant": the latest revision's verdicts, counted. */
export function verdictSummary(verdicts: readonly Verdict[] | undefined): string {
  if (!verdicts) return t('common.loading');
  if (verdicts.length === 0) return t('apps.noChecks');
  const counts = new Map<Verdict, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} × ${t(`verdict.${v}` as MessageKey)}`).join(', ');
}

export function applicationList(
  apps: readonly Application[],
  verdicts: ReadonlyMap<string, Verdict[]>,
  selected: string | undefined,
  onOpen: (id: string) => void,
): HTMLElement {
  if (apps.length === 0) return h('p', { class: 'muted empty', 'data-testid': 'apps-empty' }, t('apps.none'));
  return h(
    'ul',
    { class: 'app-list', 'data-testid': 'app-list' },
    apps.map((a) =>
      h(
        'li',
        { 'data-app': a.id, 'data-state': a.state, class: a.id === selected ? 'selected' : '' },
        h(
          'button',
          { type: 'button', class: 'linklike', id: `app-open-${a.id}`, onclick: () => onOpen(a.id) },
          a.title,
        ),
        h(
          'div',
          { class: 'small' },
          t(`apps.scenario.${a.scenario}` as MessageKey),
          ' · ',
          h('span', { class: `app-state app-state-${a.state}`, 'data-testid': 'app-state' }, stateLabel(a.state)),
        ),
        h('div', { class: 'small muted', 'data-testid': 'app-verdicts' }, verdictSummary(verdicts.get(a.id))),
      ),
    ),
  );
}
