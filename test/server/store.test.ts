import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FlightPlan } from '../../rules/src/model/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { DuplicateKeyError, type Store } from '../../server/src/store/types.js';
import { basePlan } from './plans.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sua-store-'));
const open: Store[] = [];
async function fresh(dir = tempDir()) {
  const store = await openSqliteStore({ file: path.join(dir, 'sub', 'db.sqlite') });
  open.push(store);
  return { store, dir, file: path.join(dir, 'sub', 'db.sqlite') };
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

const plan = (id: string) => FlightPlan.parse({ ...basePlan(), id });

describe('SQLite store', () => {
  it('creates the database folder and file, in WAL mode, on first open', async () => {
    const { store, file } = await fresh();
    await store.plans.create({ id: 'a', name: null, plan: plan('a') });
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('runs migrations once: reopening keeps the data', async () => {
    const { store, dir } = await fresh();
    await store.plans.create({ id: 'keep', name: 'kept', plan: plan('keep') });
    await store.close();
    open.pop();
    const again = await fresh(dir);
    expect((await again.store.plans.get('keep'))?.name).toBe('kept');
  });

  it('refuses a duplicate id with DuplicateKeyError', async () => {
    const { store } = await fresh();
    await store.plans.create({ id: 'dup', name: null, plan: plan('dup') });
    await expect(store.plans.create({ id: 'dup', name: null, plan: plan('dup') })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
  });

  it('bumps the revision on update and reports missing ids', async () => {
    const { store } = await fresh();
    await store.plans.create({ id: 'p', name: 'one', plan: plan('p') });
    const u = await store.plans.update('p', { name: 'two', plan: plan('p') });
    expect(u?.revision).toBe(2);
    expect(u?.name).toBe('two');
    expect(await store.plans.update('nope', { name: null, plan: plan('nope') })).toBeUndefined();
    expect(await store.plans.delete('p')).toBe(true);
    expect(await store.plans.delete('p')).toBe(false);
  });

  it('rolls back a change and its audit entry together', async () => {
    const { store } = await fresh();
    await expect(
      store.transaction(async (tx) => {
        await tx.plans.create({ id: 'rb', name: null, plan: plan('rb') });
        await tx.audit.append({
          actor: 't',
          action: 'create',
          entityType: 'plan',
          entityId: 'rb',
          before: null,
          after: {},
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.plans.get('rb')).toBeUndefined();
    expect(await store.audit.list({ entityId: 'rb' })).toEqual([]);
  });

  it('keeps the audit log append-only, even against direct SQL', async () => {
    const { store, file } = await fresh();
    const e = await store.audit.append({
      actor: 'ann',
      action: 'create',
      entityType: 'plan',
      entityId: 'x',
      before: null,
      after: { a: 1 },
    });
    expect(e.id).toBeGreaterThan(0);
    const db = new BetterSqlite3(file);
    expect(() => db.prepare('UPDATE audit SET actor = ? WHERE id = ?').run('eve', e.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
    expect((await store.audit.list())[0]).toMatchObject({ actor: 'ann', after: { a: 1 } });
  });

  it('stores jobs with progress, results and the interrupted state', async () => {
    const { store } = await fresh();
    await store.jobs.create({ id: 'j1', request: { draft: 'd', base: 'b@1', corpus: 'stored' }, total: 3 });
    await store.jobs.markRunning('j1');
    await store.jobs.progress('j1', 2);
    expect((await store.jobs.get('j1'))?.processed).toBe(2);
    const rows = [0, 1, 2].map((seq) => ({
      seq,
      planKey: `p${seq}`,
      name: null,
      before: 'compliant' as const,
      after: seq === 1 ? ('non-compliant' as const) : ('compliant' as const),
      changed: seq === 1,
      detail: { seq },
    }));
    await store.jobs.finish('j1', { total: 3 }, rows);
    const job = await store.jobs.get('j1');
    expect(job).toMatchObject({ status: 'done', processed: 3, summary: { total: 3 } });
    expect((await store.jobs.results('j1', { changedOnly: true })).map((r) => r.planKey)).toEqual(['p1']);
    expect(await store.jobs.results('j1', { limit: 2, offset: 1 })).toHaveLength(2);
    await store.jobs.create({ id: 'j2', request: { draft: 'd', base: 'b@1', corpus: 'stored' }, total: 1 });
    expect(await store.jobs.failInterrupted('restart')).toBe(1);
    expect((await store.jobs.get('j2'))?.status).toBe('failed');
  });

  it('upserts meta flags', async () => {
    const { store } = await fresh();
    expect(await store.meta.get('k')).toBeUndefined();
    await store.meta.set('k', '1');
    await store.meta.set('k', '2');
    expect(await store.meta.get('k')).toBe('2');
  });
});
