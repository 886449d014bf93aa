import { operations, type RulebookSummary, type ScenarioSummary } from '@sua-sandbox/rules/api';
import type { LocalizedText } from '@sua-sandbox/rules/model';
import { lang, localized } from '../i18n/index.js';
import { call } from '../net/api.js';

export type { RulebookSummary, ScenarioSummary };

export async function fetchScenarios(): Promise<ScenarioSummary[]> {
  return call(operations.listScenarios, {});
}

export async function fetchRulebooks(): Promise<RulebookSummary[]> {
  return call(operations.listRulebooks, {});
}

export function titleText(title: string | LocalizedText | undefined, fallback: string): string {
  if (!title) return fallback;
  return typeof title === 'string' ? title : localized(title);
}

/**
 * Chinese titles of the shipped rulebooks (the rulebook data carries an English title only). The law's own
 * Chinese names: 《小型無人機令》(第448G章), amended by 2025年第82號法律公告.
 */
const RULEBOOK_TITLES_ZH: Readonly<Record<string, string>> = {
  'cap448g-2022': '《小型無人機令》（第448G章），制定時版本',
  'cap448g-2025': '《小型無人機令》（第448G章），經2025年第82號法律公告修訂',
};

export function rulebookTitle(r: Pick<RulebookSummary, 'id' | 'title'>): string {
  return (lang() === 'zh' ? RULEBOOK_TITLES_ZH[r.id] : undefined) ?? r.title ?? r.id;
}

export function rulebookLabel(r: RulebookSummary): string {
  return [rulebookTitle(r), r.version ? `(${r.version})` : ''].filter(Boolean).join(' ');
}
