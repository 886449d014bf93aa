import { operations, type RulebookSummary, type ScenarioSummary } from '@sua-sandbox/rules/api';
import type { LocalizedText } from '@sua-sandbox/rules/model';
import { lang, localized } from '../i18n/index.js';
import { call } from '../net/api.js';
import { rulebookTitleIn, type TitledRulebook } from './rulebook-title.js';

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

/** A rulebook's title in the current language: its Chinese title (`titleZh`, from the data) in 繁中, else English. */
export function rulebookTitle(r: TitledRulebook): string {
  return rulebookTitleIn(r, lang());
}

export function rulebookLabel(r: RulebookSummary): string {
  return [rulebookTitle(r), r.version ? `(${r.version})` : ''].filter(Boolean).join(' ');
}
