import { operations, type RulebookSummary, type ScenarioSummary } from '@sua-sandbox/rules/api';
import type { LocalizedText } from '@sua-sandbox/rules/model';
import { localized } from '../i18n/index.js';
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

export function rulebookLabel(r: RulebookSummary): string {
  return [r.title ?? r.id, r.version ? `(${r.version})` : ''].filter(Boolean).join(' ');
}
