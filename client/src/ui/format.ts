import type { Altitude, Quantity } from '@sua-sandbox/rules/model';
import { lang, t } from '../i18n/index.js';
import { unitText } from './units.js';

const HK_OFFSET_MS = 8 * 3600_000;

/** Hong Kong time (UTC+8 all year) as "DD/MM/YYYY HH:MM:SS HKT", as Hong Kong writes dates, whatever the browser's zone. */
export function hkTime(ms: number, withDate = true): string {
  const iso = new Date(ms + HK_OFFSET_MS).toISOString();
  const time = iso.slice(11, 19);
  return withDate ? `${hkDate(ms)} ${time} HKT` : time;
}

/** A Hong Kong calendar date as "DD/MM/YYYY". */
export function hkDate(ms: number): string {
  const iso = new Date(ms + HK_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

export function num(v: number, digits = 1): string {
  return new Intl.NumberFormat(lang() === 'zh' ? 'zh-HK' : 'en-HK', { maximumFractionDigits: digits }).format(v);
}

/** "120 m AGL"; in 繁中 "120 米 AGL", as the Chinese UI text writes lengths. */
export function altitude(a: Altitude | null | undefined): string {
  if (a === null) return t('zone.unlimited');
  if (!a) return '—';
  return `${num(a.value, 0)} ${unitText(a.unit, t)} ${a.ref}`;
}

/** A measured value or limit with its unit in the current language ("30 m" / "30 米"). */
export function quantity(q: Quantity | undefined): string {
  if (!q) return '—';
  return `${num(q.value, 1)} ${unitText(q.unit, t)}`;
}
