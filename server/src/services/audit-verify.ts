import { auditEntryHash } from '../store/audit-hash.js';
import type { AuditRepository } from '../store/types.js';

export interface AuditVerification {
  ok: boolean;
  /** entries read */
  entries: number;
  /** the newest entry's hash: keep it elsewhere to detect removal of the newest entries */
  head: string | null;
  /** the first entry that does not chain, and why */
  broken?: { id: number; reason: string };
}

/** Walks the whole audit log in id order and recomputes every link of the hash chain. */
export async function verifyAuditChain(audit: AuditRepository): Promise<AuditVerification> {
  let prev: string | null = null;
  let entries = 0;
  for await (const row of audit.chain()) {
    entries++;
    if (row.prev_hash !== prev)
      return {
        ok: false,
        entries,
        head: prev,
        broken: {
          id: row.id,
          reason: `its previous hash ${row.prev_hash ?? '(none)'} is not the hash of the entry before it (${prev ?? '(none)'}): an entry was removed or reordered`,
        },
      };
    const expected = auditEntryHash(prev, row);
    if (row.hash !== expected)
      return {
        ok: false,
        entries,
        head: prev,
        broken: { id: row.id, reason: 'its content does not match its hash: the entry was changed' },
      };
    prev = expected;
  }
  return { ok: true, entries, head: prev };
}
