import { createHash } from 'node:crypto';

/** The stored columns an audit entry's hash covers (JSON columns as the text stored). */
export interface AuditHashedContent {
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/**
 * SHA-256 over the previous entry's hash and this entry's stored content. Changing, removing or reordering
 * any entry breaks every link after it (`sua-sandbox audit verify`); only removing the newest entries is
 * invisible to the chain alone, which is why verify also prints the head hash to keep elsewhere.
 */
export function auditEntryHash(prevHash: string | null, c: AuditHashedContent): string {
  const canonical = JSON.stringify([
    prevHash ?? '',
    c.at,
    c.actor,
    c.action,
    c.entity_type,
    c.entity_id,
    c.before,
    c.after,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
