import { type MessageParam, messageText } from '@sua-sandbox/rules/messages';
import { en, type MessageKey } from './en.js';
import { zh } from './zh.js';

export type Lang = 'en' | 'zh';
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, zh };
const listeners = new Set<(lang: Lang) => void>();
const STORAGE_KEY = 'sua-sandbox.lang';

let current: Lang = readInitialLang();

function readInitialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // storage can be blocked (private mode); English is the default
  }
  return 'en';
}

export function lang(): Lang {
  return current;
}

/** Translate a key; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let text = dictionaries[current][key] ?? en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** Pick the current language from an engine LocalizedText ({en, zh}). */
export function localized(text: { en: string; zh: string } | undefined | null): string {
  if (!text) return '';
  return current === 'zh' ? text.zh : text.en;
}

/**
 * A finding, permission entry or assumption in the current language, worded from its code + params by the
 * shared message catalogue; the text it came with when this client does not know the code.
 */
export function worded(
  m: { code?: string; params?: Readonly<Record<string, MessageParam>> },
  fallback?: { en: string; zh: string },
): string {
  return messageText(m, current === 'zh' ? 'zh-Hant' : 'en', fallback);
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; still switched for this page
  }
  applyStaticTranslations(document);
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function isKey(k: string | undefined): k is MessageKey {
  return k !== undefined && k in en;
}

/** Fill every element carrying data-i18n (text), data-i18n-aria (aria-label) or data-i18n-title. */
export function applyStaticTranslations(root: ParentNode): void {
  document.documentElement.lang = current === 'zh' ? 'zh-Hant-HK' : 'en';
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const k = el.dataset.i18n;
    if (isKey(k)) el.textContent = t(k);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    const k = el.dataset.i18nAria;
    if (isKey(k)) el.setAttribute('aria-label', t(k));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    const k = el.dataset.i18nTitle;
    if (isKey(k)) el.title = t(k);
  }
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    const k = el.dataset.i18nPlaceholder;
    if (isKey(k)) el.placeholder = t(k);
  }
}
