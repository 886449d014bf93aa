import type { ApplicationTransition } from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

/** Every move of the application: from → to, who, when, and the comment (the regulator's reasons). */
export function timelineView(transitions: readonly ApplicationTransition[]): HTMLElement {
  if (transitions.length === 0) return h('p', { class: 'muted small' }, t('apps.noTransitions'));
  return h(
    'ol',
    { class: 'app-timeline', 'data-testid': 'app-timeline' },
    transitions.map((tr) =>
      h(
        'li',
        { 'data-action': tr.action, 'data-to': tr.to },
        h('strong', {}, stateLabel(tr.to)),
        ' · ',
        t(`apps.action.${tr.action}` as MessageKey),
        h('div', { class: 'small muted' }, `${tr.actor} · ${new Date(tr.at).toLocaleString()}`),
        tr.comment ? h('blockquote', { class: 'app-comment' }, tr.comment) : null,
      ),
    ),
  );
}

export function stateLabel(state: string): string {
  return t(`apps.state.${state}` as MessageKey);
}
