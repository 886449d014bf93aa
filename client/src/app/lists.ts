import { z } from 'zod';
import { localized } from '../i18n/index.js';
import { api } from '../net/api.js';

const Title = z.union([z.string(), z.object({ en: z.string(), zh: z.string() })]);

const ScenarioSummary = z.looseObject({
  id: z.string(),
  title: Title.optional(),
  description: Title.optional(),
  default: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

const RulebookSummary = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  version: z.string().optional(),
  status: z.string().optional(),
  commencement: z.string().optional(),
});
export type RulebookSummary = z.infer<typeof RulebookSummary>;

/** Lists come either bare or wrapped ({items|scenarios|rulebooks: [...]}); accept both. */
function items(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    const rec = body as Record<string, unknown>;
    for (const k of [key, 'items', 'data']) if (Array.isArray(rec[k])) return rec[k] as unknown[];
  }
  return [];
}

function parseAll<T>(schema: z.ZodType<T>, list: unknown[]): T[] {
  return list.flatMap((x) => {
    const r = schema.safeParse(x);
    return r.success ? [r.data] : [];
  });
}

export async function fetchScenarios(): Promise<ScenarioSummary[]> {
  return parseAll(ScenarioSummary, items(await api.get('api/scenarios'), 'scenarios'));
}

export async function fetchRulebooks(): Promise<RulebookSummary[]> {
  return parseAll(RulebookSummary, items(await api.get('api/rulebooks'), 'rulebooks'));
}

export function titleText(title: z.infer<typeof Title> | undefined, fallback: string): string {
  if (!title) return fallback;
  return typeof title === 'string' ? title : localized(title);
}

export function rulebookLabel(r: RulebookSummary): string {
  return [r.title ?? r.id, r.version ? `(${r.version})` : ''].filter(Boolean).join(' ');
}
