import { applyDraft, rulebookInForce } from '@sua-sandbox/rules/engine';
import type { Draft, Rulebook } from '@sua-sandbox/rules/model';
import type { AckError, RulebookRef, RulebookSelector } from '@sua-sandbox/rules/protocol';
import { draftSeparation, type SeparationMinima, type TrafficData } from '@sua-sandbox/rules/traffic';
import type { Principal } from '../auth/principal.js';
import { builtinTraffic } from '../services/impact/traffic.js';
import type { RealtimeDeps } from './deps.js';

/** A request that cannot be served: becomes an error ack (never a crash). */
export class RealtimeError extends Error {
  constructor(
    readonly code: AckError['code'],
    message: string,
    readonly issues?: AckError['issues'],
    /** the budget that refused it, and when to retry (limit and rate_limited errors) */
    readonly extra: Pick<AckError, 'limit' | 'retryAfterMs'> = {},
  ) {
    super(message);
    this.name = 'RealtimeError';
  }
}

export interface ResolvedRulebook {
  rulebook: Rulebook;
  ref: RulebookRef;
  /** the separation minima a draft trials (traffic params `separation`); none: the scenario's */
  separation?: SeparationMinima;
}

const refOf = (rb: Rulebook, draftId: string | null): RulebookRef => ({
  id: rb.id,
  version: rb.version,
  title: rb.title,
  ...(rb.titleZh !== undefined && { titleZh: rb.titleZh }),
  draftId,
});

function fromDraft(draft: Draft, rulebooks: readonly Rulebook[], traffic: TrafficData): ResolvedRulebook {
  const base = rulebooks.find((r) => r.id === draft.base);
  if (!base) throw new RealtimeError('bad_rulebook', `draft "${draft.id}": unknown base rulebook "${draft.base}"`);
  const r = applyDraft(base, draft);
  if (!r.ok) throw new RealtimeError('bad_rulebook', `draft "${draft.id}" does not apply to ${base.id}`, r.issues);
  // A draft trialling separation minima: the session's monitor uses them (a bad value names the change's field).
  const sep = draftSeparation(traffic, draft.changes);
  if (!sep.ok)
    throw new RealtimeError(
      'bad_rulebook',
      `draft "${draft.id}" sets invalid traffic parameters: ${sep.issues.map((i) => i.message).join('; ')}`,
      sep.issues,
    );
  const resolved: ResolvedRulebook = { rulebook: r.rulebook, ref: refOf(r.rulebook, draft.id) };
  if (sep.minima) resolved.separation = sep.minima;
  return resolved;
}

/**
 * The rulebook for a session: the selector's (built-in id, stored draft, inline draft), else the scenario's
 * own `rulebook`, else the one in force at the scenario's start.
 */
export async function resolveRulebook(
  deps: Pick<RealtimeDeps, 'rulebooks' | 'drafts' | 'traffic'>,
  selector: RulebookSelector | undefined,
  fallback: { rulebookId?: string; at: string },
  /** who asks (a stored draft is read for them); none: the server's own session */
  reader?: Principal,
): Promise<ResolvedRulebook> {
  const rulebooks = await deps.rulebooks();
  const traffic = () => deps.traffic?.() ?? builtinTraffic();
  if (selector && 'draft' in selector) return fromDraft(selector.draft, rulebooks, traffic());
  if (selector && 'draftId' in selector) {
    const draft = deps.drafts ? await deps.drafts.get(selector.draftId, reader) : undefined;
    if (!draft) throw new RealtimeError('not_found', `draft "${selector.draftId}" not found`);
    return fromDraft(draft, rulebooks, traffic());
  }
  const id = selector?.rulebookId ?? fallback.rulebookId;
  if (id) {
    const rb = rulebooks.find((r) => r.id === id);
    if (!rb)
      throw new RealtimeError(
        'bad_rulebook',
        `unknown rulebook "${id}"; known: ${rulebooks.map((r) => r.id).join(', ')}`,
      );
    return { rulebook: rb, ref: refOf(rb, null) };
  }
  const rb = rulebookInForce(rulebooks, fallback.at.slice(0, 10)) ?? rulebooks.at(-1);
  if (!rb) throw new RealtimeError('bad_rulebook', 'no rulebook available');
  return { rulebook: rb, ref: refOf(rb, null) };
}
