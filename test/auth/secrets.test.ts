import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { announceSetup } from '../../server/src/auth/bootstrap.js';
import { AuthService } from '../../server/src/auth/service.js';
import { call, type Reply } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { type AuthTestServer, startAuthServer } from './helpers.js';

let server: AuthTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every line pino writes, at the most verbose level. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

describe('secrets never leak', () => {
  it('passwords and API tokens appear in no log line, no response body and no audit entry', async () => {
    const { logger, lines } = capturingLogger();
    server = await startAuthServer({ logger });
    const s = server;
    const replies: Reply<unknown>[] = [];
    const send = async (method: string, path: string, opts: Parameters<typeof call>[3] = {}) => {
      const r = await call(s.url, method, path, opts);
      replies.push(r);
      return r;
    };

    const ADMIN_PW = 'Kn0wn-admin-passw0rd-zx81';
    const PILOT_PW = 'Kn0wn-pilot-passw0rd-qw77';
    const WEAK_PW = 'Wk-9f3';
    const WRONG_PW = 'Kn0wn-wrong-guess-ab12';

    // first start: the setup token goes to the log on purpose (once); the password never does
    const auth = new AuthService(s.store, { now: s.now });
    await announceSetup(auth, logger, s.url);
    const setupLines = lines.filter((l) => l.includes('/api/auth/setup'));
    expect(setupLines).toHaveLength(1);
    const { msg } = JSON.parse(setupLines[0]) as { msg: string };
    const setupToken = /setup token \(valid 24 h\): (\S+)/.exec(msg)?.[1];
    if (!setupToken) throw new Error('no setup token in the log line');
    await send('POST', '/api/auth/setup', {
      json: { token: setupToken, email: 'root@example.org', password: WEAK_PW },
    });
    expect(
      (
        await send('POST', '/api/auth/setup', {
          json: { token: setupToken, email: 'root@example.org', password: ADMIN_PW },
        })
      ).status,
    ).toBe(201);

    await send('POST', '/api/auth/sign-in', { json: { email: 'root@example.org', password: WRONG_PW } });
    const signedIn = await send('POST', '/api/auth/sign-in', {
      json: { email: 'root@example.org', password: ADMIN_PW },
    });
    const cookie = signedIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const org = await send('POST', '/api/organisations', {
      json: { name: 'Sky Ops', kind: 'operator' },
      headers: { cookie },
    });
    const orgId = (org.body as { id: string }).id;
    await send('POST', '/api/users', {
      json: { email: 'pilot@example.org', role: 'applicant', orgId, password: WEAK_PW },
      headers: { cookie },
    });
    expect(
      (
        await send('POST', '/api/users', {
          json: { email: 'pilot@example.org', role: 'applicant', orgId, password: PILOT_PW },
          headers: { cookie },
        })
      ).status,
    ).toBe(201);

    const pilot = await send('POST', '/api/auth/sign-in', { json: { email: 'pilot@example.org', password: PILOT_PW } });
    const pilotCookie = pilot.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const made = await call<{ token: string; record: { id: string } }>(s.url, 'POST', '/api/auth/tokens', {
      json: { name: 'ci', scopes: ['read', 'plans'], expiresInDays: 30 },
      headers: { cookie: pilotCookie },
    });
    expect(made.status).toBe(201);
    const TOKEN = made.body.token;
    const bearer = { authorization: `Bearer ${TOKEN}` };
    await send('GET', '/api/auth/me', { headers: bearer });
    await send('GET', '/api/auth/tokens', { headers: { cookie: pilotCookie } });
    await send('POST', '/api/plans', { json: basePlan({ id: 'by-token' }), headers: bearer });
    await send('GET', `/api/plans/by-token?token=${'x'}`, { headers: bearer });
    await send('GET', '/api/auth/me', { headers: { authorization: `Bearer ${TOKEN}-tampered` } });
    await send('DELETE', `/api/auth/tokens/${made.body.record.id}`, { headers: { cookie: pilotCookie } });
    await send('GET', '/api/auth/me', { headers: bearer });
    await send('GET', '/api/audit?limit=1000');
    const NEW_PW = 'Kn0wn-changed-passw0rd-mn45';
    const changed = await send('POST', '/api/auth/password', {
      json: { currentPassword: PILOT_PW, newPassword: NEW_PW },
      headers: { cookie: pilotCookie },
    });
    expect(changed.status).toBe(204);
    await send('POST', '/api/auth/password', {
      json: { currentPassword: WRONG_PW, newPassword: NEW_PW },
      headers: { cookie: pilotCookie },
    });
    await send('POST', '/api/auth/sign-out', { headers: { cookie } });

    const secrets = {
      ADMIN_PW,
      PILOT_PW,
      WEAK_PW,
      WRONG_PW,
      NEW_PW,
      TOKEN,
      tokenBody: TOKEN.slice('sua_pat_'.length),
    };
    // session ids leave only in Set-Cookie headers
    const sessionIds = replies.flatMap((r) =>
      r.headers
        .getSetCookie()
        .map((c) => /^sua_session=([^;]+)/.exec(c)?.[1])
        .filter((v): v is string => v !== undefined),
    );
    expect(sessionIds.length).toBeGreaterThanOrEqual(3);
    sessionIds.forEach((id, i) => {
      Object.assign(secrets, { [`session${i}`]: id });
    });
    const audit = JSON.stringify(await s.store.audit.list({ limit: 10_000 }));
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(audit.length).toBeGreaterThan(100);
    for (const [name, secret] of Object.entries(secrets)) {
      expect(log.includes(secret), `${name} in the logs`).toBe(false);
      expect(audit.includes(secret), `${name} in the audit log`).toBe(false);
      for (const r of replies) expect(r.text.includes(secret), `${name} in a response`).toBe(false);
    }
    // and no argon2 hash leaves the store
    for (const r of replies) expect(r.text).not.toContain('$argon2');
    expect(log).not.toContain('$argon2');
    expect(audit).not.toContain('$argon2');
  });
});
