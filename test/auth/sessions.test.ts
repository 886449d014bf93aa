import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/src/auth/secrets.js';
import { SIGN_IN_FAILED } from '../../server/src/auth/service.js';
import { call } from '../server/helpers.js';
import { type AuthTestServer, addUser, HOUR, PASSWORD, signIn, startAuthServer } from './helpers.js';

let server: AuthTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const me = (url: string, cookie?: string) =>
  call<{ kind: string; user?: { email: string; role: string }; via?: string }>(url, 'GET', '/api/auth/me', {
    headers: cookie ? { cookie } : {},
  });

describe('browser sessions', () => {
  it('signs in, answers who am I, and signs out (the session is revoked in the store)', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'Reg@Example.org', 'regulator', PASSWORD);
    expect((await me(server.url)).body).toEqual({ kind: 'anonymous' });

    const { reply, cookie } = await signIn(server.url, 'reg@EXAMPLE.org', PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ user: { email: 'reg@example.org', role: 'regulator' } });
    expect(reply.text).not.toContain('passwordHash');
    const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith('sua_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i); // plain http, no flag
    if (!cookie) throw new Error('no session cookie');

    const who = await me(server.url, cookie);
    expect(who.body).toMatchObject({ kind: 'user', via: 'session', user: { email: 'reg@example.org' } });

    // the store keeps the hash of the cookie value, never the value
    const value = cookie.slice('sua_session='.length);
    expect(await server.store.accounts.getSession(value)).toBeUndefined();
    expect((await server.store.accounts.getSession(sha256Hex(value)))?.revokedAt).toBeNull();

    const out = await call(server.url, 'POST', '/api/auth/sign-out', { headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/sua_session=;/);
    expect((await server.store.accounts.getSession(sha256Hex(value)))?.revokedAt).not.toBeNull();
    // replaying the old cookie is anonymous now
    expect((await me(server.url, cookie)).body).toEqual({ kind: 'anonymous' });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const wrong = await signIn(server.url, 'a@example.org', 'not the password');
    const unknown = await signIn(server.url, 'nobody@example.org', PASSWORD);
    expect(wrong.reply.status).toBe(401);
    expect(unknown.reply.status).toBe(401);
    expect(wrong.reply.body).toEqual(unknown.reply.body);
    expect(wrong.reply.body).toEqual({ error: { code: 'unauthorized', message: SIGN_IN_FAILED } });
    expect(wrong.cookie).toBeUndefined();
  });

  it('refuses a disabled account with the same 401', async () => {
    server = await startAuthServer();
    const id = await addUser(server.store, 'd@example.org', 'viewer', PASSWORD);
    await server.store.accounts.setUserDisabled(id, true);
    const r = await signIn(server.url, 'd@example.org', PASSWORD);
    expect(r.reply.status).toBe(401);
    expect(r.reply.body).toEqual({ error: { code: 'unauthorized', message: SIGN_IN_FAILED } });
  });

  it('answers 429 with Retry-After on the 11th failure in the window, before any hashing', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    for (let i = 1; i <= 10; i++)
      expect((await signIn(server.url, 'a@example.org', `guess ${i}`)).reply.status).toBe(401);
    const before = server.hashing.count;
    const eleventh = await signIn(server.url, 'a@example.org', 'guess 11');
    expect(eleventh.reply.status).toBe(429);
    expect(eleventh.reply.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(eleventh.reply.headers.get('retry-after'))).toBeGreaterThan(0);
    // the right password is refused too while the address is limited, and nothing was hashed
    expect((await signIn(server.url, 'a@example.org', PASSWORD)).reply.status).toBe(429);
    expect(server.hashing.count).toBe(before);
    // the window slides: 15 minutes later the right password works
    server.advance(16 * 60_000);
    expect((await signIn(server.url, 'a@example.org', PASSWORD)).reply.status).toBe(200);
  });

  it('limits per email too: failures from the same address on several emails count per email', async () => {
    server = await startAuthServer({ auth: { signInFailures: { max: 3, windowMs: 60_000 } } });
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    for (let i = 0; i < 3; i++) await signIn(server.url, 'a@example.org', 'wrong');
    expect((await signIn(server.url, 'A@example.org', PASSWORD)).reply.status).toBe(429);
  });

  it('rejects an expired session', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const { cookie } = await signIn(server.url, 'a@example.org', PASSWORD);
    if (!cookie) throw new Error('no session cookie');
    server.advance(11 * HOUR);
    expect((await me(server.url, cookie)).body).toMatchObject({ kind: 'user' });
    server.advance(2 * HOUR);
    expect((await me(server.url, cookie)).body).toEqual({ kind: 'anonymous' });
  });

  it('issues a new session id at each sign-in and revokes the one the browser sent', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const first = await signIn(server.url, 'a@example.org', PASSWORD);
    if (!first.cookie) throw new Error('no session cookie');
    const second = await signIn(server.url, 'a@example.org', PASSWORD, { cookie: first.cookie });
    expect(second.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me(server.url, first.cookie)).body).toEqual({ kind: 'anonymous' });
    expect((await me(server.url, second.cookie)).body).toMatchObject({ kind: 'user' });
  });

  it('marks the cookie Secure when configured (TLS at a proxy)', async () => {
    server = await startAuthServer({ auth: { secureCookies: true } });
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const { reply } = await signIn(server.url, 'a@example.org', PASSWORD);
    expect(reply.headers.getSetCookie().find((c) => c.startsWith('sua_session='))).toMatch(/;\s*Secure/i);
  });

  it('changes the password: the current one is checked, every session ends, this browser gets a new one', async () => {
    server = await startAuthServer();
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const other = await signIn(server.url, 'a@example.org', PASSWORD);
    const here = await signIn(server.url, 'a@example.org', PASSWORD);
    if (!other.cookie || !here.cookie) throw new Error('no session cookie');
    const change = (currentPassword: string, cookie: string) =>
      call(server?.url ?? '', 'POST', '/api/auth/password', {
        json: { currentPassword, newPassword: 'a brand new passphrase' },
        headers: { cookie },
      });
    expect((await change('wrong', here.cookie)).status).toBe(401);
    const changed = await change(PASSWORD, here.cookie);
    expect(changed.status).toBe(204);
    const fresh = changed.headers
      .getSetCookie()
      .find((c) => c.startsWith('sua_session='))
      ?.split(';')[0];
    expect(fresh).toBeDefined();
    expect((await me(server.url, other.cookie)).body).toEqual({ kind: 'anonymous' });
    expect((await me(server.url, here.cookie)).body).toEqual({ kind: 'anonymous' });
    expect((await me(server.url, fresh)).body).toMatchObject({ kind: 'user' });
    expect((await signIn(server.url, 'a@example.org', PASSWORD)).reply.status).toBe(401);
    expect((await signIn(server.url, 'a@example.org', 'a brand new passphrase')).reply.status).toBe(200);
  });

  it('ends the sessions of a disabled user', async () => {
    server = await startAuthServer();
    const id = await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    await addUser(server.store, 'root@example.org', 'admin', PASSWORD);
    const user = await signIn(server.url, 'a@example.org', PASSWORD);
    const admin = await signIn(server.url, 'root@example.org', PASSWORD);
    if (!user.cookie || !admin.cookie) throw new Error('no session cookie');
    const r = await call(server.url, 'POST', `/api/users/${id}/disable`, { headers: { cookie: admin.cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ disabled: true });
    expect((await me(server.url, user.cookie)).body).toEqual({ kind: 'anonymous' });
  });
});
