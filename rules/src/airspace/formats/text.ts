import type { LocalizedText } from '../../model/text.js';
import { type ReadContext, warn } from './errors.js';

/** An ED-318 text entry (`textShortType`): `lang` is a BCP-47 tag of at most 5 characters. */
export interface LangText {
  text?: string;
  lang?: string;
}

/** Chinese tags in order of preference: Hong Kong, then Traditional, then any Chinese. */
const ZH_PREFERENCE = [/^zh-HK$/i, /^zh-Hant/i, /^zh-(TW|MO)$/i, /^zh$/i, /^zh/i];

function findText(texts: readonly LangText[], patterns: readonly RegExp[]): string | undefined {
  for (const p of patterns) {
    const hit = texts.find((t) => t.lang !== undefined && p.test(t.lang) && t.text);
    if (hit?.text) return hit.text;
  }
  return undefined;
}

/**
 * Picks English and Traditional Chinese out of a multilingual list. Missing languages fall back
 * (English → first text; Chinese → the English text), each with a warning. Null when there is no text.
 */
export function pickLocalized(
  texts: readonly LangText[] | undefined,
  ctx: ReadContext,
  field: string,
): LocalizedText | null {
  const usable = (texts ?? []).filter((t) => typeof t.text === 'string' && t.text.trim() !== '');
  if (usable.length === 0) return null;
  let en = findText(usable, [/^en$/i, /^en-/i]);
  if (en === undefined) {
    en = usable[0].text ?? '';
    warn(ctx, `${field}: no English text; using "${usable[0].lang ?? 'no lang'}" text`);
  }
  let zh = findText(usable, ZH_PREFERENCE);
  if (zh === undefined) {
    zh = en;
    warn(ctx, `${field}: no Chinese text (zh-HK/zh-Hant/zh); using the English text`);
  }
  return { en, zh };
}

/** Plain-string fallback used by ED-269 and CAD: the same text for both languages, with a warning. */
export function localizedFromString(text: string, ctx: ReadContext, field: string): LocalizedText {
  warn(ctx, `${field}: single-language text; used for both English and Chinese`);
  return { en: text, zh: text };
}

/** Cuts text to a format's maximum length, reporting the cut. */
export function clip(text: string, max: number, onWarning: ((m: string) => void) | undefined, what: string): string {
  if (text.length <= max) return text;
  onWarning?.(`${what}: text longer than ${max} characters was cut`);
  return `${text.slice(0, max - 1)}…`;
}

/** English + Hong Kong Chinese entries (one entry when both are the same text). */
export function toLangTexts(
  value: LocalizedText,
  max: number,
  onWarning: ((m: string) => void) | undefined,
  what: string,
): { text: string; lang: string }[] {
  const en = { text: clip(value.en, max, onWarning, what), lang: 'en' };
  if (value.zh === value.en) return [en];
  return [en, { text: clip(value.zh, max, onWarning, what), lang: 'zh-HK' }];
}

/** True when the string contains CJK ideographs (used to tell Chinese from English in plain strings). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
