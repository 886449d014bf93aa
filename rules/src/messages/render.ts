import { z } from 'zod';
import { declaredParams, type MessageCode, MessageCode as MessageCodeSchema } from './codes.js';
import { en } from './en.js';
import { zhHant } from './zh-hant.js';

/** A value a message needs: plain, or already in both languages (a zone name, a nested phrase). */
export const MessageParam = z
  .union([z.string(), z.number(), z.object({ en: z.string(), zh: z.string() })])
  .meta({ id: 'MessageParam' });
export type MessageParam = z.infer<typeof MessageParam>;

export const MessageParams = z.record(z.string(), MessageParam).meta({ id: 'MessageParams' });
export type MessageParams = z.infer<typeof MessageParams>;

/** A message as data: what a client needs to word it in any locale it has a catalogue for. */
export const Message = z.object({ code: MessageCodeSchema, params: MessageParams });
export type Message = z.infer<typeof Message>;

export const LOCALES = ['en', 'zh-Hant'] as const;
export type Locale = (typeof LOCALES)[number];

/** One locale's wording: a template per code, `{param}` for each value. */
export type Catalogue = Readonly<Record<string, string>>;

export const catalogues: Readonly<Record<Locale, Record<MessageCode, string>>> = { en, 'zh-Hant': zhHant };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The `{param}` names a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

function paramText(v: MessageParam, locale: Locale): string {
  if (typeof v === 'object') return locale === 'en' ? v.en : v.zh;
  return String(v);
}

/**
 * Fill a template: each `{name}` by its param in the locale; a param that is not given stays `{name}`.
 * `catalogue` lets a client word messages with its own copy; a code it lacks renders as the code itself.
 */
export function renderMessage(
  code: string,
  params: Readonly<Record<string, MessageParam>> | undefined,
  locale: Locale,
  catalogue: Catalogue = catalogues[locale],
): string {
  const template = Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
  if (template === undefined) return code;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params && Object.hasOwn(params, name) ? params[name] : undefined;
    return v === undefined ? whole : paramText(v, locale);
  });
}

/** The message in both languages, keyed as reports have always keyed them ({en, zh}). */
export function renderBoth(code: MessageCode, params: Readonly<Record<string, MessageParam>> = {}) {
  return { en: renderMessage(code, params, 'en'), zh: renderMessage(code, params, 'zh-Hant') };
}

type ListCode = 'list.or' | 'list.comma' | 'list.semicolon' | 'list.slash';

/** Items joined the way each locale joins them ("a or b" / "a或b"); undefined for no items. */
export function joinList(
  code: ListCode,
  items: readonly (string | { en: string; zh: string })[],
): { en: string; zh: string } | undefined {
  if (items.length === 0) return undefined;
  const [first, ...rest] = items;
  let out = typeof first === 'string' ? { en: first, zh: first } : first;
  for (const next of rest) out = renderBoth(code, { first: out, next });
  return out;
}

/** Only the params `code` declares (a hit may carry values its message does not use). */
export function pickParams(code: string, values: Readonly<Record<string, MessageParam | undefined>>): MessageParams {
  const out: MessageParams = {};
  for (const name of declaredParams(code)) {
    const v = values[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** A message as data plus its wording in both languages (what findings, entries and assumptions carry). */
export function worded(code: MessageCode, params: Readonly<Record<string, MessageParam | undefined>> = {}) {
  const kept = pickParams(code, params);
  return { code, params: kept, message: renderBoth(code, kept) };
}

/**
 * The text of a message carried as data (a finding, a permission entry, an assumption) in `locale`. When the
 * catalogue lacks its code (a server newer than the client), the text that came with it is used instead.
 */
export function messageText(
  m: { code?: string; params?: Readonly<Record<string, MessageParam>> },
  locale: Locale,
  fallback?: { en: string; zh: string },
  catalogue: Catalogue = catalogues[locale],
): string {
  if (m.code !== undefined && Object.hasOwn(catalogue, m.code))
    return renderMessage(m.code, m.params, locale, catalogue);
  if (fallback) return locale === 'en' ? fallback.en : fallback.zh;
  return m.code ?? '';
}
