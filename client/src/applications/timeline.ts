import type { ApplicationTimeline, TimelineActor } from '@sua-sandbox/rules/api';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { hkTime } from '../ui/format.js';

/** Who acted, as the reader may know it: the account's email, else the side (a regulator's email stays hidden). */
export function actorLabel(id: string, actors: Readonly<Record<string, TimelineActor>>): string {
  const known = actors[id];
  if (known?.email) return known.email;
  if (known?.side) return t(`apps.actor.${known.side}`);
  return id;
}

const when = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? hkTime(ms) : iso;
};

/**
 * Every move of the application (from → to, who, when, the comment: the regulator's reasons) and every revision
 * the applicant saved, oldest first, in Hong Kong time.
 */
export function timelineView(timeline: ApplicationTimeline): HTMLElement {
  const { transitions, revisions, actors } = timeline;
  const notYet = transitions.length === 0 ? h('p', { class: 'muted small' }, t('apps.noTransitions')) : null;
  const moves = transitions.map((tr) => ({
    at: Date.parse(tr.at),
    el: h(
      'li',
      { 'data-action': tr.action, 'data-to': tr.to },
      h('strong', {}, stateLabel(tr.to)),
      ' · ',
      t(`apps.action.${tr.action}` as MessageKey),
      h('div', { class: 'small muted' }, `${actorLabel(tr.actor, actors)} · ${when(tr.at)}`),
      tr.comment ? h('blockquote', { class: 'app-comment' }, tr.comment) : null,
    ),
  }));
  const saved = revisions.map((r) => ({
    at: Date.parse(r.createdAt),
    el: h(
      'li',
      { 'data-revision': r.number },
      h('strong', {}, t('apps.revisionSaved', { n: r.number })),
      h('div', { class: 'small muted' }, `${actorLabel(r.createdBy, actors)} · ${when(r.createdAt)}`),
    ),
  }));
  // a revision and a move at the same instant: the revision first (it is what the move was made on)
  const items = [...saved, ...moves].sort((a, b) => (a.at || 0) - (b.at || 0));
  return h(
    'div',
    {},
    h(
      'ol',
      { class: 'app-timeline', 'data-testid': 'app-timeline' },
      items.map((i) => i.el),
    ),
    notYet,
  );
}

export function stateLabel(state: string): string {
  return t(`apps.state.${state}` as MessageKey);
}
