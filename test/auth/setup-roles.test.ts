import { afterEach, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../server/src/auth/bootstrap.js';
import { AuthService } from '../../server/src/auth/service.js';
import { call } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { type AuthTestServer, addUser, HOUR, PASSWORD, signIn, startAuthServer } from './helpers.js';

let server: AuthTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('first start: the one-time setup token', () => {
  it('creates the first admin once; the token does not work twice and none is issued afterwards', async () => {
    server = await startAuthServer();
    const auth = new AuthService(server.store, { now: server.now });
    const token = await issueSetupToken(auth);
    if (!token) throw new Error('no setup token on an empty database');
    const body = { token, email: 'Root@Example.org', password: PASSWORD };

    expect((await call(server.url, 'POST', '/api/auth/setup', { json: { ...body, token: 'guess' } })).status).toBe(401);
    const first = await call(server.url, 'POST', '/api/auth/setup', { json: body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ user: { email: 'root@example.org', role: 'admin' } });
    const again = await call(server.url, 'POST', '/api/auth/setup', {
      json: { ...body, email: 'second@example.org' },
    });
    expect(again.status).toBe(401);
    expect(await server.store.accounts.findUserByEmail('second@example.org')).toBeUndefined();

    expect((await signIn(server.url, 'root@example.org', PASSWORD)).reply.status).toBe(200);
    expect(await issueSetupToken(auth)).toBeUndefined();
  });

  it('expires after 24 hours, and a newer start replaces an unused token', async () => {
    server = await startAuthServer();
    const auth = new AuthService(server.store, { now: server.now });
    const old = await issueSetupToken(auth);
    const fresh = await issueSetupToken(auth);
    if (!old || !fresh) throw new Error('no setup token');
    expect(fresh).not.toBe(old);
    server.advance(25 * HOUR);
    const late = await call(server.url, 'POST', '/api/auth/setup', {
      json: { token: fresh, email: 'root@example.org', password: PASSWORD },
    });
    expect(late.status).toBe(401);
    const replaced = await call(server.url, 'POST', '/api/auth/setup', {
      json: { token: old, email: 'root@example.org', password: PASSWORD },
    });
    expect(replaced.status).toBe(401);
  });

  it('closes once an administrator exists another way (the CLI)', async () => {
    server = await startAuthServer();
    const token = await issueSetupToken(new AuthService(server.store, { now: server.now }));
    await addUser(server.store, 'reg@example.org', 'regulator', PASSWORD);
    const r = await call(server.url, 'POST', '/api/auth/setup', {
      json: { token, email: 'root@example.org', password: PASSWORD },
    });
    expect(r.status).toBe(409);
    expect(await server.store.accounts.findUserByEmail('root@example.org')).toBeUndefined();
  });

  it('refuses a weak password naming the field', async () => {
    server = await startAuthServer();
    const token = await issueSetupToken(new AuthService(server.store, { now: server.now }));
    const r = await call<{ error: { issues: { path: string[] }[] } }>(server.url, 'POST', '/api/auth/setup', {
      json: { token, email: 'root@example.org', password: 'short' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i) => i.path.join('.'))).toEqual(['body.password']);
  });
});

describe('roles on the account routes', () => {
  it('401 for anonymous, 403 for the wrong role, 201 for an admin', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'root@example.org', 'admin', PASSWORD);
    await addUser(server.store, 'reg@example.org', 'regulator', PASSWORD);
    const admin = (await signIn(server.url, 'root@example.org', PASSWORD)).cookie ?? '';
    const reg = (await signIn(server.url, 'reg@example.org', PASSWORD)).cookie ?? '';
    const org = { name: 'Sky Ops', kind: 'operator' };

    expect((await call(server.url, 'GET', '/api/users')).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/users', { headers: { cookie: reg } })).status).toBe(403);
    expect((await call(server.url, 'POST', '/api/organisations', { json: org, headers: { cookie: reg } })).status).toBe(
      403,
    );
    const made = await call<{ id: string }>(server.url, 'POST', '/api/organisations', {
      json: org,
      headers: { cookie: admin },
    });
    expect(made.status).toBe(201);
    expect(
      (await call(server.url, 'POST', '/api/organisations', { json: org, headers: { cookie: admin } })).status,
    ).toBe(409);
    const orgs = await call<{ name: string }[]>(server.url, 'GET', '/api/organisations', { headers: { cookie: reg } });
    expect(orgs.body.map((o) => o.name)).toEqual(['Sky Ops']);

    // an applicant needs an operator organisation
    const applicant = { email: 'pilot@example.org', role: 'applicant', password: PASSWORD };
    const noOrg = await call(server.url, 'POST', '/api/users', { json: applicant, headers: { cookie: admin } });
    expect(noOrg.status).toBe(400);
    const withOrg = await call(server.url, 'POST', '/api/users', {
      json: { ...applicant, orgId: made.body.id },
      headers: { cookie: admin },
    });
    expect(withOrg.status).toBe(201);
    expect(withOrg.body).toMatchObject({ email: 'pilot@example.org', role: 'applicant', orgId: made.body.id });
    const users = await call<{ email: string }[]>(server.url, 'GET', '/api/users', { headers: { cookie: admin } });
    expect(users.body.map((u) => u.email)).toEqual(['pilot@example.org', 'reg@example.org', 'root@example.org']);
    expect(users.text).not.toContain('argon2');
  });
});

describe('the audit actor', () => {
  it('is the authenticated principal, never the X-Actor header', async () => {
    server = await startAuthServer();
    const userId = await addUser(server.store, 'reg@example.org', 'regulator', PASSWORD);
    const { cookie } = await signIn(server.url, 'reg@example.org', PASSWORD);
    if (!cookie) throw new Error('no session cookie');
    const mallory = { 'x-actor': 'mallory' };
    // anonymous: refused by the access policy before anything is stored or audited
    expect(
      (await call(server.url, 'POST', '/api/plans', { json: basePlan({ id: 'p-anon' }), headers: mallory })).status,
    ).toBe(401);
    expect(
      (
        await call(server.url, 'POST', '/api/plans', {
          json: basePlan({ id: 'p-user' }),
          headers: { ...mallory, cookie },
        })
      ).status,
    ).toBe(201);
    const actors = async (id: string) =>
      (await server?.store.audit.list({ entityType: 'plan', entityId: id }))?.map((e) => e.actor);
    expect(await actors('p-user')).toEqual([`user:${userId}`]);
    expect(await actors('p-anon')).toEqual([]);
    const all = await server.store.audit.list({ limit: 1000 });
    expect(all.some((e) => e.actor.includes('mallory'))).toBe(false);
  });
});
