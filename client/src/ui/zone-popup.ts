import type { DailyPeriod, DayPoint } from '@sua-sandbox/rules/model';
import { lang, type MessageKey, t } from '../i18n/index.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { citationLink } from './citation.js';
import { h, link } from './dom.js';
import { altitude, hkTime, num } from './format.js';

function dayPoint(p: DayPoint): string {
  if ('time' in p) return p.time;
  const off = p.offsetMin === 0 ? '' : `${p.offsetMin > 0 ? '+' : ''}${p.offsetMin} min`;
  return `${p.event}${off}`;
}

function daily(d: DailyPeriod): string {
  return `${d.days.join(',')} ${dayPoint(d.start)}–${dayPoint(d.end)}`;
}

export function classLabel(cls: string): string {
  const k = `class.${cls}` as MessageKey;
  const text = t(k);
  return text === k ? cls : text;
}

export function effectLabel(effect: string): string {
  const k = `effect.${effect}` as MessageKey;
  const text = t(k);
  return text === k ? effect : text;
}

/** Who designated a zone, as the catalogue names them (in English), in Chinese where the office is known. */
const DESIGNATORS_ZH: Readonly<Record<string, string>> = {
  'Director-General of Civil Aviation': '民航處處長',
  'Secretary for Security': '保安局局長',
};
function designator(name: string): string {
  return (lang() === 'zh' ? DESIGNATORS_ZH[name] : undefined) ?? name;
}

function row(label: string, ...value: (Node | string)[]): HTMLElement {
  return h('div', { class: 'kv' }, h('dt', {}, label), h('dd', {}, ...value));
}

/** Popup body for a zone: both names, class, effect, vertical limits, validity, provenance, legal basis. */
export function zonePopup(z: ZoneInfo, active: boolean): HTMLElement {
  const windows = z.timing?.windows ?? [];
  const validity: string[] = windows.map((w) =>
    `${w.from ? `${t('zone.from')} ${hkTime(Date.parse(w.from))}` : ''} ${w.to ? `${t('zone.to')} ${hkTime(Date.parse(w.to))}` : ''}`.trim(),
  );
  for (const d of z.timing?.daily ?? []) validity.push(`${t('zone.daily')} ${daily(d)}`);
  const prov = z.provenance;
  const source = prov?.source ?? '';
  return h(
    'div',
    { class: 'zone-popup' },
    // both names, the current language's first
    ...(lang() === 'zh'
      ? [h('h3', { lang: 'zh-Hant-HK' }, z.name.zh), h('p', { class: 'zh-name', lang: 'en' }, z.name.en)]
      : [h('h3', { lang: 'en' }, z.name.en), h('p', { class: 'zh-name', lang: 'zh-Hant-HK' }, z.name.zh)]),
    active ? null : h('p', { class: 'warn' }, t('zone.inactive')),
    h(
      'dl',
      {},
      row(t('zone.class'), classLabel(z.class)),
      row(t('zone.effect'), effectLabel(z.effect)),
      row(t('zone.vertical'), `${altitude(z.lower)} – ${altitude(z.upper)}`),
      z.circle ? row('', t('zone.circle', { r: num(z.circle.radiusM, 0) })) : null,
      row(t('zone.validity'), validity.length ? validity.join('; ') : t('zone.always')),
      z.legalBasis ? row(t('zone.legalBasis'), citationLink(z.legalBasis)) : null,
      z.designatedBy ? row(t('zone.designatedBy'), designator(z.designatedBy)) : null,
      z.appliesTo
        ? row(t('zone.appliesTo'), t(z.appliesTo === 'ALL_AIRCRAFT' ? 'zone.allAircraft' : 'zone.sua'))
        : null,
      prov
        ? row(
            t('zone.provenance'),
            h('span', { class: `acc acc-${prov.accuracy}` }, t(`accuracy.${prov.accuracy}` as MessageKey)),
            ' · ',
            /^https?:\/\//.test(source) ? link(source, t('zone.source')) : source,
          )
        : null,
    ),
    prov?.note
      ? h('details', { class: 'small' }, h('summary', {}, t('common.details')), h('p', { class: 'muted' }, prov.note))
      : null,
    prov?.illustrative ? h('p', { class: 'warn small' }, t('zone.illustrative')) : null,
  );
}
