import type { Repositories } from '../store/types.js';

/** Who asked for a change: actorOf(principal), `user:<id>` or `anonymous:<ip>` (never a request header). */
export interface Actor {
  actor: string;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'check' | 'import' | 'run' | 'seed';

/** Every change goes through here, inside the same transaction as the change itself. */
export function recordAudit(
  tx: Repositories,
  who: Actor,
  action: AuditAction,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  return tx.audit.append({
    actor: who.actor,
    action,
    entityType,
    entityId,
    before: before ?? null,
    after: after ?? null,
  });
}
