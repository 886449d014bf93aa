import { operations, type RulebookDiff } from '@sua-sandbox/rules/api';
import type { DraftInput, Rulebook } from '@sua-sandbox/rules/model';
import type { z } from 'zod';
import { call } from '../net/api.js';

/** One difference from GET /api/diff: the engine's RulebookChange, as the contract declares it. */
export type DiffChange = z.output<typeof RulebookDiff>['changes'][number];

export async function fetchRulebook(id: string): Promise<Rulebook> {
  return call(operations.getRulebook, { params: { id } });
}

/** Store the draft (create the first time, replace after). */
export async function saveDraft(draft: DraftInput, savedId: string | undefined): Promise<string> {
  if (savedId) {
    await call(operations.updateDraft, { params: { id: savedId }, body: draft });
    return savedId;
  }
  await call(operations.createDraft, { body: draft });
  return draft.id;
}

export async function fetchDiff(baseId: string, draftId: string): Promise<DiffChange[]> {
  const diff = await call(operations.diffRulebooks, { query: { a: baseId, b: `draft:${draftId}` } });
  return diff.changes;
}
