import { z } from 'zod';
import type { CorpusItem } from './impact/run.js';

/**
 * The example plans (scenarios/plans) by key: the file name without its extension, e.g. `a1-mini-drone`
 * for `a1-mini-drone.json`. Plans are looked up among the loaded corpus items, never by joining the key
 * into a path, so a key cannot reach outside the folder.
 */
export const ExampleKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only (a file name without extension)')
  .describe('example plan key: the file name in scenarios/plans without .json');

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
