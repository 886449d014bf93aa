import { type DraftSummary as DraftSummarySchema, operations, type RulebookDiff } from '@sua-sandbox/rules/api';
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

/** A draft in the list: shipped with the repository (read-only) or stored by a regulator. */
export type DraftSummary = z.output<typeof DraftSummarySchema>;
export type StoredDraftRecord = Awaited<ReturnType<typeof getDraft>>;

export async function listDrafts(): Promise<DraftSummary[]> {
  return call(operations.listDrafts, {});
}

export async function getDraft(id: string) {
  return call(operations.getDraft, { params: { id } });
}

export async function deleteDraft(id: string): Promise<void> {
  await call(operations.deleteDraft, { params: { id } });
}

/** Rename a stored draft: the same changes under a new title. */
export async function renameDraft(id: string, title: string): Promise<void> {
  const { draft } = await getDraft(id);
  await call(operations.updateDraft, { params: { id }, body: { ...draft, title } });
}

/** Store a copy of any draft (a shipped one included) under a new id; returns the new id. */
export async function duplicateDraft(id: string, title: string): Promise<string> {
  const { draft } = await getDraft(id);
  const copy = { ...draft, id: newDraftId(), title };
  await call(operations.createDraft, { body: copy });
  return copy.id;
}

export function newDraftId(): string {
  return `draft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
