import type { Finding } from '@sua-sandbox/rules/model';
import { type MessageKey, t, worded } from '../i18n/index.js';
import { findingStatus, type Status } from '../live/status.js';
import { heightsAt as heightsOf, legSpan as spanOf, legsText as textOf } from '../plan/finding-legs.js';
import { citationLink } from './citation.js';
import { h } from './dom.js';
import { quantity } from './format.js';

export interface FindingItemOptions {
  /** e.g. the aircraft label in the live feed */
  title?: string;
  /** time text, e.g. "10:03:12" */
  when?: string;
  /** the main action (fly to the aircraft / highlight the leg) */
  onShow?: () => void;
  showLabel?: string;
  closed?: boolean;
  /** the finding's state when it differs from the plan checker's (live: flying without permission is a violation) */
  state?: { status: Status; label: string };
  /** the message as worded for this place (live: aircraft labels and zone names, no ids) */
  message?: string;
}

/** The legs a finding spans, in the current language: "leg 3" / "legs 12–40". */
export function legSpan(f: Finding): string {
  return spanOf(f, t);
}

/** The legs and, for a run, its worst value: "legs 12–40, worst 131 m AGL on leg 27". */
export function legsText(f: Finding): string {
  return textOf(f, t, (q) => quantity(q));
}

/** Where the finding is, in both height references: "60 m AGL · 703 m AMSL (ground 643 m)". */
export function heightsText(f: Finding): string {
  return heightsOf(f, t);
}

/** One finding: effect, message in the current language, measured vs limit, leg, and its citation. */
export function findingItem(f: Finding, opts: FindingItemOptions = {}): HTMLLIElement {
  const status = opts.state?.status ?? findingStatus(f);
  const facts: string[] = [];
  if (f.measured) facts.push(`${t('finding.measured')} ${quantity(f.measured)}`);
  if (f.limit) facts.push(`${t('finding.limit')} ${quantity(f.limit)}`);
  if (f.where) facts.push(legsText(f), heightsText(f));
  const show = opts.onShow
    ? h(
        'button',
        { type: 'button', class: 'linklike finding-show', 'aria-label': opts.showLabel ?? t('common.details') },
        opts.title ?? t('common.details'),
      )
    : opts.title
      ? h('strong', {}, opts.title)
      : null;
  if (show && opts.onShow) {
    const fn = opts.onShow;
    show.addEventListener('click', fn);
  }
  return h(
    'li',
    {
      class: `finding finding-${status}${opts.closed ? ' finding-closed' : ''}`,
      'data-rule': f.ruleId,
      'data-effect': f.effect,
    },
    h(
      'div',
      { class: 'finding-head' },
      h(
        'span',
        { class: `badge badge-${status}`, 'data-state': status },
        opts.state?.label ?? t(`finding.effect.${f.effect}` as MessageKey),
      ),
      show,
      opts.when ? h('span', { class: 'muted small' }, opts.when) : null,
    ),
    h('p', { class: 'finding-msg' }, opts.message ?? worded(f, f.message)),
    facts.length ? h('p', { class: 'muted small' }, facts.join(' · ')) : null,
    f.covered ? h('p', { class: 'small' }, t('finding.covered', { id: f.covered.permissionId })) : null,
    h('p', { class: 'small' }, citationLink(f.provision, `· ${f.ruleId} · ${f.rulebookVersion}`)),
  );
}
