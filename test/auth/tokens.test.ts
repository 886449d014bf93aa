import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/src/auth/secrets.js';
import { call } from '../server/helpers.js';
import { type AuthTestServer, addUser, HOUR, PASSWORD, signIn, startAuthServer } from './helpers.js';

let server: AuthTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Created {
  token: string;
  record: { id: string; scopes: string[]; expiresAt: string };
}

async function applicantSession(s: AuthTestServer) {
  const org = await s.store.accounts.createOrganisation({ id: 'org-1', name: 'Sky Ops', kind: 'operator' });
  const userId = await addUser(s.store, 'pilot@example.org', 'applicant', PASSWORD, org.id);
  const { cookie } = await signIn(s.url, 'pilot@example.org', PASSWORD);
  if (!cookie) throw new Error('no session cookie');
  return { userId, cookie };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('personal API tokens', () => {
  it('shows the token once, stores only its SHA-256, and authenticates with it', async () => {
    server = await startAuthServer();
    const { userId, cookie } = await applicantSession(server);
    const made = await call<Created>(server.url, 'POST', '/api/auth/tokens', {
      json: { name: 'ci pipeline', scopes: ['read', 'plans'], expiresInDays: 30 },
      headers: { cookie },
    });
    expect(made.status).toBe(201);
    const { token, record } = made.body;
    expect(token).toMatch(/^sua_pat_[A-Za-z0-9_-]{43}$/);
    expect(record.scopes).toEqual(['read', 'plans']);
    expect(Date.parse(record.expiresAt) - Date.parse('2027-01-04T09:00:00.000Z')).toBe(30 * 24 * HOUR);

    // the row holds the hash, not the token
    const row = await server.store.accounts.findApiTokenByHash(sha256Hex(token));
    expect(row?.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await server.store.accounts.findApiTokenByHash(token)).toBeUndefined();

    // listed without the secret
    const list = await call(server.url, 'GET', '/api/auth/tokens', { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(sha256Hex(token));

    const who = await call(server.url, 'GET', '/api/auth/me', { headers: bearer(token) });
    expect(who.body).toMatchObject({ kind: 'user', via: 'token', scopes: ['read', 'plans'], user: { id: userId } });
    expect((await server.store.accounts.findApiTokenByHash(sha256Hex(token)))?.lastUsedAt).not.toBeNull();
  });

  it('enforces scopes: an ingest-only token reads nothing; a token never mints tokens', async () => {
    server = await startAuthServer();
    const { cookie } = await applicantSession(server);
    const ingest = await call<Created>(server.url, 'POST', '/api/auth/tokens', {
      json: { name: 'drone', scopes: ['ingest'], sourceId: 'drone-7', expiresInDays: 7 },
      headers: { cookie },
    });
    expect(ingest.status).toBe(201);
    const refused = await call(server.url, 'GET', '/api/plans', { headers: bearer(ingest.body.token) });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });

    const read = await call<Created>(server.url, 'POST', '/api/auth/tokens', {
      json: { name: 'reader', scopes: ['read', 'plans'], expiresInDays: 7 },
      headers: { cookie },
    });
    expect((await call(server.url, 'GET', '/api/plans', { headers: bearer(read.body.token) })).status).toBe(200);
    const mint = await call(server.url, 'POST', '/api/auth/tokens', {
      json: { name: 'more', scopes: ['read'], expiresInDays: 7 },
      headers: bearer(read.body.token),
    });
    expect(mint.status).toBe(403);
  });

  it('requires an expiry of at most a year, known scopes, and a source exactly for ingest', async () => {
    server = await startAuthServer();
    const { cookie } = await applicantSession(server);
    const post = (json: unknown) => call(server?.url ?? '', 'POST', '/api/auth/tokens', { json, headers: { cookie } });
    expect((await post({ name: 'x', scopes: ['read'] })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['read'], expiresInDays: 366 })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['admin'], expiresInDays: 1 })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['ingest'], expiresInDays: 1 })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['read'], sourceId: 's', expiresInDays: 1 })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['read'], expiresInDays: 365 })).status).toBe(201);
  });

  it('rejects an expired token, a revoked token, a disabled owner’s token and a malformed header with 401', async () => {
    server = await startAuthServer();
    const { userId, cookie } = await applicantSession(server);
    const make = async (days: number) =>
      (
        await call<Created>(server?.url ?? '', 'POST', '/api/auth/tokens', {
          json: { name: `t${days}`, scopes: ['read'], expiresInDays: days },
          headers: { cookie },
        })
      ).body;
    const short = await make(1);
    const long = await make(30);
    const revoked = await make(30);
    const ok = (t: string) => call(server?.url ?? '', 'GET', '/api/auth/me', { headers: bearer(t) });

    expect((await ok(short.token)).status).toBe(200);
    expect(
      (await call(server.url, 'DELETE', `/api/auth/tokens/${revoked.record.id}`, { headers: { cookie } })).status,
    ).toBe(204);
    expect((await ok(revoked.token)).status).toBe(401);
    // revoking twice, or someone else's: 404
    expect(
      (await call(server.url, 'DELETE', `/api/auth/tokens/${revoked.record.id}`, { headers: { cookie } })).status,
    ).toBe(404);

    server.advance(25 * HOUR); // the session has expired too; the 30-day token still works
    expect((await ok(short.token)).status).toBe(401);
    expect((await ok(long.token)).status).toBe(200);

    for (const header of ['Bearer nope', 'Basic abc', `Bearer ${long.token}x`])
      expect((await call(server.url, 'GET', '/api/auth/me', { headers: { authorization: header } })).status).toBe(401);

    await server.store.accounts.setUserDisabled(userId, true);
    expect((await ok(long.token)).status).toBe(401);
  });

  it('lets a viewer hold read tokens only, and anonymous none', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'v@example.org', 'viewer', PASSWORD);
    const { cookie } = await signIn(server.url, 'v@example.org', PASSWORD);
    if (!cookie) throw new Error('no session cookie');
    const post = (json: unknown, headers: Record<string, string>) =>
      call(server?.url ?? '', 'POST', '/api/auth/tokens', { json, headers });
    expect((await post({ name: 'x', scopes: ['plans'], expiresInDays: 1 }, { cookie })).status).toBe(400);
    expect((await post({ name: 'x', scopes: ['read'], expiresInDays: 1 }, { cookie })).status).toBe(201);
    expect((await post({ name: 'x', scopes: ['read'], expiresInDays: 1 }, {})).status).toBe(401);
  });
});
