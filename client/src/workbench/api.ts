import { type DraftInput, LocalizedText, Provision, Rulebook } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import { api } from '../net/api.js';

/** One difference from GET /api/diff (the engine's RulebookChange, read leniently). */
export const DiffChange = z.looseObject({
  kind: z.string(),
  ruleId: z.string().optional(),
  parameter: z.string().optional(),
  zoneId: z.string().optional(),
  path: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  citation: Provision,
  summary: LocalizedText,
});
export type DiffChange = z.infer<typeof DiffChange>;

export async function fetchRulebook(id: string): Promise<Rulebook> {
  return Rulebook.parse(await api.get(`api/rulebooks/${encodeURIComponent(id)}`));
}

/** Store the draft (create the first time, replace after). */
export async function saveDraft(draft: DraftInput, savedId: string | undefined): Promise<string> {
  if (savedId) {
    await api.put(`api/drafts/${encodeURIComponent(savedId)}`, draft);
    return savedId;
  }
  await api.post('api/drafts', draft);
  return draft.id;
}

export async function fetchDiff(baseId: string, draftId: string): Promise<DiffChange[]> {
  const body = await api.get<{ changes?: unknown }>(
    `api/diff?a=${encodeURIComponent(baseId)}&b=${encodeURIComponent(`draft:${draftId}`)}`,
  );
  return z.array(DiffChange).parse(body.changes ?? []);
}
