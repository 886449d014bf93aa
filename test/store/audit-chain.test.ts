import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/src/services/audit.js';
import { verifyAuditChain } from '../../server/src/services/audit-verify.js';
import { REPO } from '../cli/run-cli.js';
import { backendReady, storeBackends, type TestDatabase } from './backends.js';

/** The audit log as a hash chain (issue 12): every change, removal or reordering is found by `audit verify`. */

const who = { actor: 'user:u-1' };

async function fill(db: TestDatabase, n: number) {
  const store = await db.open();
  // concurrent appends, each in its own transaction with a change, as the services write them
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      store.transaction((tx) => recordAudit(tx, who, 'create', 'plan', `p-${i}`, null, { name: `plan ${i}` })),
    ),
  );
  return store;
}

/** The SQL an attacker with database access would run: lift the append-only triggers, then edit. */
function liftTriggers(db: TestDatabase, backend: string) {
  return backend === 'SQLite'
    ? Promise.all([db.exec('DROP TRIGGER audit_no_update'), db.exec('DROP TRIGGER audit_no_delete')])
    : db.exec('ALTER TABLE audit DISABLE TRIGGER USER');
}

function cli(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/sua-sandbox.js', 'audit', 'verify'],
      { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env } },
      (err, stdout) => resolve({ code: err && typeof err.code === 'number' ? err.code : err ? 1 : 0, stdout }),
    );
  });
}

describe.each(await storeBackends())('audit chain on $name', (backend) => {
  if (!backendReady(backend)) return;

  it('chains concurrent appends: each entry names the hash of the one before it', async () => {
    const db = await backend.newDatabase();
    const store = await fill(db, 25);
    const rows = [];
    for await (const r of store.audit.chain(7)) rows.push(r);
    expect(rows).toHaveLength(25);
    expect(rows[0].prev_hash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(25);
    const result = await verifyAuditChain(store.audit);
    expect(result).toEqual({ ok: true, entries: 25, head: rows[24].hash });
    const [newest] = await store.audit.list({ limit: 1 });
    expect(newest.hash).toBe(rows[24].hash);
  });

  it('finds a changed entry', async () => {
    const db = await backend.newDatabase();
    const store = await fill(db, 6);
    await liftTriggers(db, backend.name);
    await db.exec("UPDATE audit SET actor = 'mallory' WHERE id = 4");
    const result = await verifyAuditChain(store.audit);
    expect(result.ok).toBe(false);
    expect(result.broken?.id).toBe(4);
    expect(result.broken?.reason).toMatch(/changed/);
  });

  it('finds a removed entry', async () => {
    const db = await backend.newDatabase();
    const store = await fill(db, 6);
    await liftTriggers(db, backend.name);
    await db.exec('DELETE FROM audit WHERE id = 3');
    const result = await verifyAuditChain(store.audit);
    expect(result).toMatchObject({ ok: false, broken: { id: 4 } });
    expect(result.broken?.reason).toMatch(/removed or reordered/);
  });

  it('`sua-sandbox audit verify` exits 0 on an intact chain and 1 naming the first broken entry', async () => {
    const db = await backend.newDatabase();
    const store = await fill(db, 3);
    await store.close();
    // the CLI opens the same database the way the server would: DATABASE_URL, or DB_FILE
    const env: Record<string, string> = db.url ? { DATABASE_URL: db.url } : { DB_FILE: db.file ?? '' };
    const ok = await cli(env);
    expect(ok.stdout).toMatch(/audit chain intact: 3 entries; head [0-9a-f]{64}/);
    expect(ok.code).toBe(0);
    await liftTriggers(db, backend.name);
    await db.exec('UPDATE audit SET after = \'{"n":99}\' WHERE id = 2');
    const bad = await cli(env);
    expect(bad.stdout).toMatch(/audit chain BROKEN at entry 2: .*changed/);
    expect(bad.code).toBe(1);
  }, 60_000);
});
