import { applyDraft, rulebookInForce } from '@sua-sandbox/rules/engine';
import type { Draft, Rulebook } from '@sua-sandbox/rules/model';
import { readsStoredDrafts } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { Store } from '../store/types.js';

export const DRAFT_PREFIX = 'draft:';

export interface DraftRecord {
  draft: Draft;
  source: 'builtin' | 'stored';
  revision: number;
  createdAt: string | null;
  updatedAt: string | null;
}

export const summariseRulebook = (rb: Rulebook) => ({
  id: rb.id,
  title: rb.title,
  ...(rb.titleZh !== undefined && { titleZh: rb.titleZh }),
  version: rb.version,
  status: rb.status,
  commencement: rb.commencement,
  supersedes: rb.supersedes ?? null,
  instrument: rb.instrument,
  ruleCount: rb.rules.length,
});

/**
 * Rulebooks in force or proposed: built-ins, plus drafts (stored first, then built-in drafts) applied
 * to their base on demand. A reference is a rulebook id or `draft:<draft id>`.
 */
export class RulebookService {
  constructor(
    private readonly builtins: readonly Rulebook[],
    private readonly builtinDrafts: readonly Draft[],
    private readonly store: Store,
  ) {}

  list(): Rulebook[] {
    return [...this.builtins];
  }

  get(id: string): Rulebook {
    const rb = this.builtins.find((r) => r.id === id);
    if (!rb) throw notFound('rulebook', id);
    return rb;
  }

  builtinDraft(id: string): Draft | undefined {
    return this.builtinDrafts.find((d) => d.id === id);
  }

  listBuiltinDrafts(): readonly Draft[] {
    return this.builtinDrafts;
  }

  /** A draft `reader` may read: a stored one only for the regulator (the access policy), a shipped one for all. */
  async findDraftFor(id: string, reader: Principal): Promise<DraftRecord | undefined> {
    if (readsStoredDrafts(reader)) return this.findDraft(id);
    const builtin = this.builtinDraft(id);
    return builtin && { draft: builtin, source: 'builtin', revision: 0, createdAt: null, updatedAt: null };
  }

  async findDraft(id: string): Promise<DraftRecord | undefined> {
    const stored = await this.store.drafts.get(id);
    if (stored) return { ...stored, source: 'stored' };
    const builtin = this.builtinDraft(id);
    return builtin && { draft: builtin, source: 'builtin', revision: 0, createdAt: null, updatedAt: null };
  }

  /** The draft applied to its base; 400 naming the change that does not apply. */
  apply(draft: Draft, pathPrefix: (string | number)[] = ['body']): { base: Rulebook; rulebook: Rulebook } {
    const base = this.builtins.find((r) => r.id === draft.base);
    if (!base)
      throw badRequest(`base rulebook "${draft.base}" is not known`, [
        {
          path: [...pathPrefix, 'base'],
          message: `unknown rulebook; known: ${this.builtins.map((r) => r.id).join(', ')}`,
        },
      ]);
    const applied = applyDraft(base, draft);
    if (!applied.ok)
      throw new AppError({
        code: 'draft_does_not_apply',
        status: 400,
        message: `draft "${draft.id}" does not apply to "${base.id}"`,
        issues: applied.issues.map((i) => ({ path: [...pathPrefix, ...i.path], message: i.message })),
      });
    return { base, rulebook: applied.rulebook };
  }

  /** A rulebook id or `draft:<id>` as `reader` may see it: another's stored draft is not found (404). */
  async resolve(ref: string, reader: Principal): Promise<Rulebook> {
    if (!ref.startsWith(DRAFT_PREFIX)) return this.get(ref);
    const id = ref.slice(DRAFT_PREFIX.length);
    const rec = await this.findDraftFor(id, reader);
    if (!rec) throw notFound('draft', id);
    return this.apply(rec.draft).rulebook;
  }

  inForce(asOfDate: string): Rulebook {
    const rb = rulebookInForce([...this.builtins], asOfDate);
    if (!rb) throw badRequest(`no rulebook is in force on ${asOfDate}`);
    return rb;
  }
}
