import { diffRulebooks } from '@sua-sandbox/rules/engine';
import { Draft } from '@sua-sandbox/rules/model';
import { AppError, conflict, issuesFromZod, notFound } from '../errors.js';
import type { Store } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';
import { builtinTraffic, jobTraffic } from './impact/traffic.js';
import { type DraftRecord, type RulebookService, summariseRulebook } from './rulebooks.js';

const summariseDraft = (r: DraftRecord) => ({
  id: r.draft.id,
  title: r.draft.title,
  base: r.draft.base,
  source: r.source,
  changeCount: r.draft.changes.length,
  revision: r.revision,
  updatedAt: r.updatedAt,
});

/** Regulators' drafts: stored ones are editable; built-in drafts (rules/data/drafts) are read-only. */
export class DraftService {
  constructor(
    private readonly store: Store,
    private readonly rulebooks: RulebookService,
  ) {}

  async list() {
    const stored = (await this.store.drafts.list()).map((d): DraftRecord => ({ ...d, source: 'stored' }));
    const storedIds = new Set(stored.map((d) => d.draft.id));
    const builtin = this.rulebooks
      .listBuiltinDrafts()
      .filter((d) => !storedIds.has(d.id))
      .map((draft): DraftRecord => ({ draft, source: 'builtin', revision: 0, createdAt: null, updatedAt: null }));
    return [...stored, ...builtin].map(summariseDraft);
  }

  async get(id: string): Promise<DraftRecord> {
    const rec = await this.rulebooks.findDraft(id);
    if (!rec) throw notFound('draft', id);
    return rec;
  }

  async create(draft: Draft, who: Actor) {
    if (this.rulebooks.builtinDraft(draft.id)) throw conflict(`draft "${draft.id}" already exists (built-in)`);
    this.rulebooks.apply(draft);
    jobTraffic(draft, builtinTraffic(), ['body']);
    return this.store.transaction(async (tx) => {
      const rec = await tx.drafts.create(draft);
      await recordAudit(tx, who, 'create', 'draft', draft.id, null, draft);
      return rec;
    });
  }

  async update(id: string, draft: Draft, who: Actor) {
    if (draft.id !== id)
      throw new AppError({
        code: 'bad_request',
        status: 400,
        message: `draft id "${draft.id}" does not match the URL id "${id}"`,
        issues: [{ path: ['body', 'id'], message: `must be "${id}"` }],
      });
    this.rulebooks.apply(draft);
    jobTraffic(draft, builtinTraffic(), ['body']);
    return this.store.transaction(async (tx) => {
      const before = await tx.drafts.get(id);
      if (!before) {
        if (this.rulebooks.builtinDraft(id)) throw conflict(`draft "${id}" is built-in and read-only`);
        throw notFound('draft', id);
      }
      const rec = await tx.drafts.update(id, draft);
      if (!rec) throw notFound('draft', id);
      await recordAudit(tx, who, 'update', 'draft', id, before.draft, draft);
      return rec;
    });
  }

  async delete(id: string, who: Actor) {
    await this.store.transaction(async (tx) => {
      const before = await tx.drafts.get(id);
      if (!before) {
        if (this.rulebooks.builtinDraft(id)) throw conflict(`draft "${id}" is built-in and read-only`);
        throw notFound('draft', id);
      }
      await tx.drafts.delete(id);
      await recordAudit(tx, who, 'delete', 'draft', id, before.draft, null);
    });
  }

  /** Validates without storing: schema, base, every change; on success the resulting rule changes. */
  validate(input: unknown) {
    const parsed = Draft.safeParse(input);
    if (!parsed.success) return { valid: false as const, issues: issuesFromZod(parsed.error) };
    try {
      const { base, rulebook } = this.rulebooks.apply(parsed.data, []);
      jobTraffic(parsed.data, builtinTraffic());
      return {
        valid: true as const,
        issues: [],
        base: summariseRulebook(base),
        rulebook: summariseRulebook(rulebook),
        changes: diffRulebooks(base, rulebook),
      };
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return { valid: false as const, issues: err.issues ?? [] };
      throw err;
    }
  }
}
