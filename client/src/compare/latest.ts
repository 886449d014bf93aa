import { t } from '../i18n/index.js';
import { liveMessage, liveState } from '../live/words.js';
import { h } from '../ui/dom.js';
import type { ComparePane } from './pane.js';

/** The latest findings of each side, in the words of the live feed (names, not ids; the same badges). */
export function latestFindings(panes: readonly ComparePane[]): HTMLElement[] {
  return [
    h('h3', {}, t('cmp.latest')),
    h(
      'div',
      { class: 'cmp-latest-cols' },
      panes.map((p) =>
        h(
          'section',
          { 'data-testid': `cmp-latest-${p.side}` },
          h('h4', {}, p.side.toUpperCase()),
          p.recent.length
            ? h(
                'ul',
                { class: 'feed small' },
                p.recent.map((f) => {
                  const state = liveState(f);
                  return h(
                    'li',
                    { class: `finding finding-${state.status}`, 'data-rule': f.finding.ruleId },
                    h('span', { class: `badge badge-${state.status}` }, state.label),
                    ' ',
                    h('strong', {}, p.labelOf(f.aircraftId)),
                    ': ',
                    liveMessage(f.finding, (id) => p.labelOf(id)),
                  );
                }),
              )
            : h('p', { class: 'muted small' }, t('cmp.noFindingsYet')),
        ),
      ),
    ),
  ];
}
