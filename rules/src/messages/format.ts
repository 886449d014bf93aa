import type { Quantity } from '../model/units.js';
import type { Locale } from './render.js';
import { unitZh } from './units.js';

/**
 * A quantity as messages show it in `locale`: "120 ft AGL" in English, "120 呎 AGL" in Traditional Chinese (the
 * unit as a word, as the Chinese UI writes it); money is "HK$10,000,000" in both.
 */
export function formatQuantity(q: Quantity, locale: Locale = 'en'): string {
  const v = Number.isInteger(q.value) ? q.value.toLocaleString('en-US') : String(q.value);
  if (q.unit === 'HKD') return `HK$${v}`;
  return `${v} ${locale === 'en' ? q.unit : unitZh(q.unit)}`;
}

/** A quantity as a message param, in both languages ({en: "22.24 m", zh: "22.24 米"}). */
export function quantityParam(q: Quantity): { en: string; zh: string } {
  return { en: formatQuantity(q, 'en'), zh: formatQuantity(q, 'zh-Hant') };
}
