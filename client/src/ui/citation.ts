import { citationLabel, type Provision } from '@sua-sandbox/rules/model';
import { lang, t } from '../i18n/index.js';
import { h, link } from './dom.js';

/**
 * "Cap. 448G s.18" (or the CAD document when the section is unknown); in 繁中 the Chinese titles the data gives
 * ("《小型無人機令》（第448G章） 第18條"), the English where it has none.
 */
export function citationText(p: Provision): string {
  return citationLabel(p, lang() === 'zh' ? 'zh-Hant' : 'en');
}

/** The citation linked to its source; `extra` is ids (rule, kind, rulebook version), kept as written. */
export function citationLink(p: Provision, extra?: string): HTMLElement {
  const a = link(p.url, citationText(p), { class: 'cite' });
  if (p.note) a.title = p.note;
  return h(
    'span',
    { class: 'cite-wrap' },
    a,
    p.secondary ? h('span', { class: 'tag' }, t('finding.secondary')) : null,
    extra ? h('span', { class: 'muted', translate: 'no' }, ` ${extra}`) : null,
  );
}
