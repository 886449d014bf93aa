import type { Provision } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { h, link } from './dom.js';

/** "Cap. 448G s.18" (or the CAD document when the section is unknown), linked to the source. */
export function citationText(p: Provision): string {
  return [p.instrument, p.section ?? p.document].filter(Boolean).join(' ');
}

export function citationLink(p: Provision, extra?: string): HTMLElement {
  const a = link(p.url, citationText(p), { class: 'cite' });
  if (p.note) a.title = p.note;
  return h(
    'span',
    { class: 'cite-wrap' },
    a,
    p.secondary ? h('span', { class: 'tag' }, t('finding.secondary')) : null,
    extra ? h('span', { class: 'muted' }, ` ${extra}`) : null,
  );
}
