import { describe, expect, it } from 'vitest';
import { ApplicationContent, Permission } from '../../rules/src/model/index.js';
import { DuplicateKeyError } from '../../server/src/store/types.js';
import { applicationContent, envelope } from '../workflow/fixtures.js';
import { backendReady, storeBackends } from './backends.js';

const content = ApplicationContent.parse(applicationContent());
const permission = Permission.parse(envelope('perm-1'));

// The applications repository (migration 0006-applications): the same contract on both stores.
describe.each(await storeBackends())('$name store: sandbox applications', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => {
    const database = await backend.newDatabase();
    return { store: await database.open(), database };
  };
  const newApp = (id: string, orgId = 'org-a') =>
    ({ id, orgId, title: `App ${id}`, scenario: 'delivery', createdBy: 'user:u1' }) as const;

  it('creates a draft, refuses a duplicate id, lists by organisation and survives a reopen', async () => {
    const { store, database } = await fresh();
    const a = await store.applications.create(newApp('a'));
    expect(a).toMatchObject({ id: 'a', orgId: 'org-a', state: 'draft', revision: 1, permissionId: null });
    await expect(store.applications.create(newApp('a'))).rejects.toBeInstanceOf(DuplicateKeyError);
    await store.applications.create(newApp('b', 'org-b'));
    expect((await store.applications.list()).map((x) => x.id).sort()).toEqual(['a', 'b']);
    expect((await store.applications.list({ orgId: 'org-b' })).map((x) => x.id)).toEqual(['b']);
    expect(await store.applications.list({ orgId: 'org-z' })).toEqual([]);
    await store.close();
    const again = await database.open();
    expect(await again.applications.get('a')).toEqual(a);
    expect(await again.applications.get('nope')).toBeUndefined();
  });

  it('updates only when the state is still the expected one', async () => {
    const { store } = await fresh();
    await store.applications.create(newApp('a'));
    const moved = await store.applications.update('a', { state: 'submitted' }, 'draft');
    expect(moved?.state).toBe('submitted');
    // a second, concurrent submit saw "draft" too: it must not win
    expect(await store.applications.update('a', { state: 'submitted' }, 'draft')).toBeUndefined();
    expect(await store.applications.update('missing', { state: 'submitted' })).toBeUndefined();
    const renamed = await store.applications.update('a', { title: 'Renamed', revision: 2, permissionId: 'p' });
    expect(renamed).toMatchObject({ title: 'Renamed', revision: 2, permissionId: 'p', state: 'submitted' });
  });

  it('keeps revisions with their plans and reports byte for byte, in order', async () => {
    const { store } = await fresh();
    await store.applications.create(newApp('a'));
    const rec = {
      applicationId: 'a',
      number: 1,
      content,
      checks: [{ planIndex: 0, reportId: 'r1', verdict: 'compliant' as const, rulebook: { id: 'rb', version: '1' } }],
      reports: [],
      rulebookId: 'rb',
      rulebookVersion: '1',
      createdBy: 'user:u1',
    };
    await store.applications.addRevision(rec);
    await expect(store.applications.addRevision(rec)).rejects.toBeInstanceOf(DuplicateKeyError);
    await store.applications.addRevision({ ...rec, number: 2, content: { ...content, title: 'Second' } });
    const revs = await store.applications.revisions('a');
    expect(revs.map((r) => r.number)).toEqual([1, 2]);
    expect(JSON.stringify(revs[0].content)).toBe(JSON.stringify(content));
    expect(revs[0].checks).toEqual(rec.checks);
    expect((await store.applications.revision('a', 2))?.content.title).toBe('Second');
    expect(await store.applications.revision('a', 3)).toBeUndefined();
  });

  it('numbers transitions per application and reads them back in order', async () => {
    const { store } = await fresh();
    await store.applications.create(newApp('a'));
    await store.applications.create(newApp('b'));
    const t = {
      applicationId: 'a',
      action: 'submit' as const,
      from: 'draft' as const,
      to: 'submitted' as const,
      actor: 'user:u1',
      at: '2026-03-01T00:00:00.000Z',
      comment: 'first',
      revision: 1,
      reportIds: ['r1'],
      rulebook: { id: 'rb', version: '1' },
      permission: null,
    };
    expect((await store.applications.addTransition(t)).seq).toBe(1);
    expect((await store.applications.addTransition({ ...t, applicationId: 'b' })).seq).toBe(1);
    const second = await store.applications.addTransition({
      ...t,
      action: 'start-review',
      from: 'submitted',
      to: 'under-review',
      comment: '',
      rulebook: null,
      permission: { id: 'p', version: 2 },
    });
    expect(second.seq).toBe(2);
    const list = await store.applications.transitions('a');
    expect(list).toEqual([{ ...t, seq: 1 }, second]);
  });

  it('versions permission links; the status belongs to the latest version', async () => {
    const { store } = await fresh();
    await store.applications.create(newApp('a'));
    const v1 = { permissionId: 'perm-1', version: 1, applicationId: 'a', status: 'pending' as const, permission };
    await store.applications.addPermissionVersion(v1);
    await expect(store.applications.addPermissionVersion(v1)).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await store.applications.permissionStatuses()).get('perm-1')).toBe('pending');
    await store.applications.addPermissionVersion({ ...v1, version: 2, status: 'active' });
    expect((await store.applications.permissionStatuses()).get('perm-1')).toBe('active');
    const revoked = await store.applications.setPermissionStatus('perm-1', 'revoked');
    expect(revoked).toMatchObject({ version: 2, status: 'revoked' });
    const versions = await store.applications.permissionVersions('perm-1');
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'pending'],
      [2, 'revoked'],
    ]);
    expect(JSON.stringify(versions[0].permission)).toBe(JSON.stringify(permission));
    expect(await store.applications.setPermissionStatus('unknown', 'revoked')).toBeUndefined();
    expect((await store.applications.permissionStatuses()).has('unknown')).toBe(false);
  });

  it('writes a transition and the state change together or not at all', async () => {
    const { store } = await fresh();
    await store.applications.create(newApp('a'));
    await expect(
      store.transaction(async (tx) => {
        await tx.applications.update('a', { state: 'submitted' }, 'draft');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await store.applications.get('a'))?.state).toBe('draft');
  });
});
