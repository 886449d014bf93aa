import type { CorpusItem } from './impact/run.js';

/**
 * The example plans (scenarios/plans) by key: the file name without its extension, e.g. `a1-mini-drone`
 * for `a1-mini-drone.json` (the key's schema, ExampleKey, is in @sua-sandbox/rules/api). Plans are looked up
 * among the loaded corpus items, never by joining the key into a path, so a key cannot reach outside the folder.
 */
export interface ExampleSummary {
  key: string;
  name: string | null;
  description: string | null;
}

/** Corpus key (`a1-mini-drone.json`) → example key (`a1-mini-drone`). */
export const exampleKeyOf = (corpusKey: string) => corpusKey.replace(/\.(json|ya?ml)$/i, '');

const textField = (plan: unknown, field: 'description'): string | null => {
  const v = typeof plan === 'object' && plan !== null ? (plan as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : null;
};

export function listExamples(items: readonly CorpusItem[]): ExampleSummary[] {
  return items.map((i) => ({ key: exampleKeyOf(i.key), name: i.name, description: textField(i.plan, 'description') }));
}

export function findExample(items: readonly CorpusItem[], key: string): CorpusItem | undefined {
  return items.find((i) => exampleKeyOf(i.key) === key);
}

/**
 * The plan as served: without the file's `$schema`, a path relative to scenarios/plans in the repository that
 * means nothing to an API client (the FlightPlan schema is in /api/openapi.json).
 */
export function servedExamplePlan(item: CorpusItem): unknown {
  if (typeof item.plan !== 'object' || item.plan === null || !('$schema' in item.plan)) return item.plan;
  const { $schema: _repoPath, ...plan } = item.plan as Record<string, unknown>;
  return plan;
}
