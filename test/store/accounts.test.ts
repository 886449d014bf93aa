import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../server/src/store/types.js';
import { backendReady, storeBackends } from './backends.js';

const T0 = '2027-01-01T00:00:00.000Z';
const T1 = '2027-01-01T01:00:00.000Z';
const T2 = '2027-01-01T02:00:00.000Z';

// The accounts repository (issue 12): the same contract on both stores.
describe.each(await storeBackends())('$name store: accounts', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => {
    const database = await backend.newDatabase();
    return { store: await database.open(), database };
  };

  it('keeps organisations and users; emails are unique in any case and survive a reopen', async () => {
    const { store, database } = await fresh();
    const org = await store.accounts.createOrganisation({ id: 'o1', name: 'Sky Ops', kind: 'operator' });
    expect(org).toMatchObject({ id: 'o1', name: 'Sky Ops', kind: 'operator' });
    await expect(store.accounts.createOrganisation({ id: 'o2', name: 'Sky Ops', kind: 'government' })).rejects.toThrow(
      DuplicateKeyError,
    );
    const u = await store.accounts.createUser({
      id: 'u1',
      email: 'Ann@Example.ORG',
      passwordHash: '$argon2id$x',
      role: 'applicant',
      orgId: 'o1',
    });
    expect(u).toMatchObject({ email: 'ann@example.org', role: 'applicant', orgId: 'o1', disabled: false });
    await expect(
      store.accounts.createUser({
        id: 'u2',
        email: 'ANN@example.org',
        passwordHash: null,
        role: 'viewer',
        orgId: null,
      }),
    ).rejects.toThrow(DuplicateKeyError);
    await store.close();
    const again = await database.open();
    expect(await again.accounts.findUserByEmail('aNN@example.org')).toMatchObject({
      id: 'u1',
      passwordHash: '$argon2id$x',
    });
    expect(await again.accounts.findUserByEmail('nobody@example.org')).toBeUndefined();
    expect(await again.accounts.findOrganisationByName('Sky Ops')).toMatchObject({ id: 'o1' });
    expect((await again.accounts.listOrganisations()).map((o) => o.id)).toEqual(['o1']);
  });

  it('counts enabled users by role, disables and sets passwords', async () => {
    const { store } = await fresh();
    expect(await store.accounts.countUsersWithRole(['admin', 'regulator'])).toBe(0);
    await store.accounts.createUser({ id: 'a', email: 'a@x.org', passwordHash: null, role: 'admin', orgId: null });
    await store.accounts.createUser({ id: 'v', email: 'v@x.org', passwordHash: null, role: 'viewer', orgId: null });
    expect(await store.accounts.countUsersWithRole(['admin', 'regulator'])).toBe(1);
    expect(await store.accounts.setUserDisabled('a', true)).toBe(true);
    expect(await store.accounts.countUsersWithRole(['admin', 'regulator'])).toBe(0);
    expect((await store.accounts.getUser('a'))?.disabled).toBe(true);
    expect(await store.accounts.setUserDisabled('nope', true)).toBe(false);
    expect(await store.accounts.setPasswordHash('v', 'h2')).toBe(true);
    expect((await store.accounts.getUser('v'))?.passwordHash).toBe('h2');
    expect((await store.accounts.listUsers()).map((u) => u.email)).toEqual(['a@x.org', 'v@x.org']);
  });

  it('creates, extends and revokes sessions (one user’s at once)', async () => {
    const { store } = await fresh();
    await store.accounts.createUser({ id: 'u', email: 'u@x.org', passwordHash: null, role: 'viewer', orgId: null });
    const s = { userId: 'u', createdAt: T0, expiresAt: T1, ip: '10.0.0.1', userAgent: null };
    await store.accounts.createSession({ id: 'h1', ...s });
    await store.accounts.createSession({ id: 'h2', ...s });
    expect(await store.accounts.getSession('h1')).toMatchObject({ userId: 'u', expiresAt: T1, revokedAt: null });
    await store.accounts.extendSession('h1', T2);
    expect((await store.accounts.getSession('h1'))?.expiresAt).toBe(T2);
    expect(await store.accounts.revokeSession('h1', T1)).toBe(true);
    expect(await store.accounts.revokeSession('h1', T2)).toBe(false);
    expect((await store.accounts.getSession('h1'))?.revokedAt).toBe(T1);
    // a revoked session is not extended
    await store.accounts.extendSession('h1', '2099-01-01T00:00:00.000Z');
    expect((await store.accounts.getSession('h1'))?.expiresAt).toBe(T2);
    expect(await store.accounts.revokeUserSessions('u', T2)).toBe(1);
    expect((await store.accounts.getSession('h2'))?.revokedAt).toBe(T2);
    expect(await store.accounts.getSession('unknown')).toBeUndefined();
  });

  it('keeps API tokens by hash; only the owner revokes; last use is recorded', async () => {
    const { store } = await fresh();
    for (const id of ['u', 'w'])
      await store.accounts.createUser({ id, email: `${id}@x.org`, passwordHash: null, role: 'applicant', orgId: null });
    const t = await store.accounts.createApiToken({
      id: 't1',
      userId: 'u',
      name: 'ci',
      tokenHash: 'hash-1',
      scopes: ['read', 'ingest'],
      sourceId: 'drone-7',
      expiresAt: T2,
    });
    expect(t).toMatchObject({ scopes: ['read', 'ingest'], sourceId: 'drone-7', revokedAt: null, lastUsedAt: null });
    await expect(
      store.accounts.createApiToken({
        id: 't2',
        userId: 'u',
        name: 'dup',
        tokenHash: 'hash-1',
        scopes: ['read'],
        sourceId: null,
        expiresAt: T2,
      }),
    ).rejects.toThrow(DuplicateKeyError);
    expect((await store.accounts.findApiTokenByHash('hash-1'))?.id).toBe('t1');
    expect(await store.accounts.findApiTokenByHash('hash-2')).toBeUndefined();
    await store.accounts.touchApiToken('t1', T1);
    expect((await store.accounts.findApiTokenByHash('hash-1'))?.lastUsedAt).toBe(T1);
    expect(await store.accounts.revokeApiToken('t1', 'w', T1)).toBe(false);
    expect(await store.accounts.revokeApiToken('t1', 'u', T1)).toBe(true);
    expect(await store.accounts.revokeApiToken('t1', 'u', T2)).toBe(false);
    expect((await store.accounts.listApiTokens('u')).map((x) => [x.id, x.revokedAt])).toEqual([['t1', T1]]);
    expect(await store.accounts.listApiTokens('w')).toEqual([]);
  });

  it('spends a setup token once, never after it expires; clearing drops unused ones', async () => {
    const { store } = await fresh();
    await store.accounts.addSetupToken({ tokenHash: 's1', expiresAt: T1 });
    await store.accounts.addSetupToken({ tokenHash: 's2', expiresAt: T1 });
    await store.accounts.addSetupToken({ tokenHash: 's3', expiresAt: T1 });
    expect(await store.accounts.consumeSetupToken('s1', T2)).toBe(false);
    expect(await store.accounts.consumeSetupToken('s2', T0)).toBe(true);
    expect(await store.accounts.consumeSetupToken('s2', T0)).toBe(false);
    expect(await store.accounts.consumeSetupToken('unknown', T0)).toBe(false);
    await store.accounts.clearSetupTokens();
    expect(await store.accounts.consumeSetupToken('s3', T0)).toBe(false);
  });

  it('rolls an account change back with its transaction', async () => {
    const { store } = await fresh();
    await expect(
      store.transaction(async (tx) => {
        await tx.accounts.createUser({ id: 'u', email: 'u@x.org', passwordHash: null, role: 'viewer', orgId: null });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.accounts.getUser('u')).toBeUndefined();
  });
});
