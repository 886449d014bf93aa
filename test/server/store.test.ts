import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FlightPlan } from '../../rules/src/model/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { DuplicateKeyError } from '../../server/src/store/types.js';
import { backendReady, storeBackends } from '../store/backends.js';
import { builtinData } from './helpers.js';
import { basePlan } from './plans.js';

const plan = (id: string) => FlightPlan.parse({ ...basePlan(), id });
const permission = () => builtinData().permissions?.[0] ?? expect.unreachable('a built-in permission');

describe('SQLite store file', () => {
  it('creates the database folder and file, in WAL mode, on first open', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sua-store-')), 'sub', 'db.sqlite');
    const store = await openSqliteStore({ file });
    await store.plans.create({ id: 'a', name: null, plan: plan('a') });
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await store.close();
  });
});

// The repository contract: the same tests on both stores.
describe.each(await storeBackends())('$name store', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => {
    const database = await backend.newDatabase();
    return { store: await database.open(), database };
  };

  it('runs migrations once: reopening keeps the data', async () => {
    const { store, database } = await fresh();
    await store.plans.create({ id: 'keep', name: 'kept', plan: plan('keep') });
    await store.close();
    const again = await database.open();
    expect((await again.plans.get('keep'))?.name).toBe('kept');
  });

  it("keeps each plan's owning organisation: lists and counts filter by it, ownerOf tells none from missing", async () => {
    const { store } = await fresh();
    await store.plans.create({ id: 'a1', name: null, plan: plan('a1'), ownerOrg: 'org-a' });
    await store.plans.create({ id: 'b1', name: null, plan: plan('b1'), ownerOrg: 'org-b' });
    await store.plans.create({ id: 'a2', name: null, plan: plan('a2'), ownerOrg: 'org-a' });
    await store.plans.create({ id: 'r1', name: null, plan: plan('r1') });
    expect((await store.plans.list({ ownerOrg: 'org-a' })).map((p) => p.id).sort()).toEqual(['a1', 'a2']);
    expect(await store.plans.count({ ownerOrg: 'org-a' })).toBe(2);
    expect(await store.plans.count({ ownerOrg: 'org-c' })).toBe(0);
    expect(await store.plans.count()).toBe(4);
    expect(await store.plans.ownerOf('b1')).toBe('org-b');
    expect(await store.plans.ownerOf('r1')).toBeNull();
    expect(await store.plans.ownerOf('nope')).toBeUndefined();
    expect((await store.plans.get('a1'))?.ownerOrg).toBe('org-a');
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
    const { store, database } = await fresh();
    const e = await store.audit.append({
      actor: 'ann',
      action: 'create',
      entityType: 'plan',
      entityId: 'x',
      before: null,
      after: { a: 1 },
    });
    expect(e.id).toBeGreaterThan(0);
    await expect(database.exec('UPDATE audit SET actor = $1 WHERE id = $2', ['eve', e.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(database.exec('DELETE FROM audit')).rejects.toThrow(/append-only/);
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

  it('lists ids in byte order, as SQLite compares them, whatever the database collation', async () => {
    const { store } = await fresh();
    for (const id of ['b', 'B', '_a', 'a', 'a-b', 'aB'])
      await store.permissions.create({ ...permission(), id }, 'user');
    expect((await store.permissions.list()).map((p) => p.id)).toEqual(['B', '_a', 'a', 'a-b', 'aB', 'b']);
  });

  it('reads JSON back byte for byte (key order kept)', async () => {
    const { store } = await fresh();
    const p = plan('order');
    const stored = await store.plans.create({ id: 'order', name: null, plan: p });
    expect(JSON.stringify((await store.plans.get('order'))?.plan)).toBe(JSON.stringify(p));
    expect(JSON.stringify(stored.plan)).toBe(JSON.stringify(p));
    const summary = { zeta: 1, alpha: { y: 2, b: [3, { d: 4, c: 5 }] } };
    await store.jobs.create({ id: 'j', request: { draft: 'd', base: 'b@1', corpus: 'stored' }, total: 0 });
    await store.jobs.finish('j', summary);
    expect(JSON.stringify((await store.jobs.get('j'))?.summary)).toBe(JSON.stringify(summary));
  });

  it('bumps the zone-layer version on every change, by the store or by SQL beside it', async () => {
    const { store, database } = await fresh();
    const v0 = await store.zoneLayers.version();
    await store.zoneLayers.create({ id: 'l1', name: 'one', format: 'geojson', zones: [], warnings: ['w'] });
    const v1 = await store.zoneLayers.version();
    expect(v1).toBeGreaterThan(v0);
    expect(await store.zoneLayers.get('l1')).toMatchObject({ name: 'one', zones: [], warnings: ['w'] });
    await database.exec('UPDATE zone_layers SET name = $1', ['renamed']);
    const v2 = await store.zoneLayers.version();
    expect(v2).toBeGreaterThan(v1);
    expect(await store.zoneLayers.delete('l1')).toBe(true);
    expect(await store.zoneLayers.version()).toBeGreaterThan(v2);
    expect(await store.zoneLayers.list()).toEqual([]);
  });

  it("keeps a job's corpus and checkpoints: inputs from a seq, resume state, rows written with the counter", async () => {
    const { store } = await fresh();
    const request = { draft: 'd', base: 'b@1', corpus: 'stored' };
    await store.transaction(async (tx) => {
      await tx.jobs.create({ id: 'cp', request, total: 4, input: { v: 1, draft: 'd' } });
      await tx.jobs.addInputs(
        'cp',
        [0, 1, 2, 3].map((seq) => ({ seq, key: `k${seq}`, name: seq === 0 ? 'first' : null, plan: { seq } })),
      );
    });
    expect(await store.jobs.resumeState('cp')).toEqual({
      input: { v: 1, draft: 'd' },
      tally: null,
      processed: 0,
      workMs: 0,
    });
    await store.jobs.markRunning('cp');
    const row = (seq: number) => ({
      seq,
      planKey: `k${seq}`,
      name: null,
      before: 'compliant' as const,
      after: 'compliant' as const,
      changed: false,
      detail: { seq },
    });
    await store.transaction((tx) =>
      tx.jobs.checkpoint('cp', { processed: 2, rows: [row(0), row(1)], tally: { n: 2 }, workMs: 12.6 }),
    );
    expect(await store.jobs.resumeState('cp')).toMatchObject({ tally: { n: 2 }, processed: 2, workMs: 13 });
    expect((await store.jobs.inputs('cp', 2)).map((i) => [i.seq, i.key, i.plan])).toEqual([
      [2, 'k2', { seq: 2 }],
      [3, 'k3', { seq: 3 }],
    ]);
    expect((await store.jobs.unfinished()).map((j) => j.id)).toEqual(['cp']);
    await store.jobs.markResumed('cp');
    await store.jobs.finish('cp', { plans: 4 }, [row(2), row(3)], 20);
    expect(await store.jobs.get('cp')).toMatchObject({ status: 'done', processed: 4, resumes: 1, workMs: 20 });
    expect((await store.jobs.results('cp')).map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    expect(await store.jobs.unfinished()).toEqual([]);
  });
});
