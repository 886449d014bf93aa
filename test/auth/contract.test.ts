import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authOperations, type Operation } from '../../rules/src/api/index.js';
import { issueSetupToken } from '../../server/src/auth/bootstrap.js';
import { AuthService } from '../../server/src/auth/service.js';
import { authFixtures, type FixtureAuth } from '../contracts/auth-fixtures.js';
import type { FixtureContext, FixtureRequest } from '../contracts/operation-fixtures.js';
import { call } from '../server/helpers.js';
import { addUser, signIn, startAuthServer } from './helpers.js';

/**
 * The identity operations answer what rules/src/api/auth.ts declares, with the fixtures the contract test
 * will use (test/contracts/auth-fixtures.ts) once its harness signs principals in.
 */
const server = await startAuthServer();
afterAll(() => server.close());

let n = 0;
const PASSWORD = 'contract-seed-password';
const seeded = new Map<string, string>();
async function seed(role: 'admin' | 'applicant'): Promise<string> {
  const known = seeded.get(role);
  if (known) return known;
  let orgId: string | null = null;
  if (role === 'applicant')
    orgId = (await server.store.accounts.createOrganisation({ id: 'org-c', name: 'Contract Ops', kind: 'operator' }))
      .id;
  const email = `${role}@contract.example.org`;
  await addUser(server.store, email, role, PASSWORD, orgId);
  seeded.set(role, email);
  return email;
}

const auth: FixtureAuth = {
  async session(role) {
    const { cookie } = await signIn(server.url, await seed(role), PASSWORD);
    if (!cookie) throw new Error('no session');
    return cookie;
  },
  async signInAs(email, password) {
    const { cookie } = await signIn(server.url, email, password);
    if (!cookie) throw new Error('no session');
    return cookie;
  },
  async setupToken() {
    return issueSetupToken(new AuthService(server.store, { now: server.now }));
  },
  async credentials() {
    return { email: await seed('applicant'), password: PASSWORD };
  },
};

async function send(method: string, path: string, req: FixtureRequest) {
  const filled = path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(req.params?.[name] ?? ''));
  return call<unknown>(server.url, method.toUpperCase(), filled, { json: req.json, headers: req.headers });
}
const ctx: FixtureContext = {
  unique: (prefix) => `${prefix}-${++n}`,
  auth,
  owner: () => Promise.reject(new Error('the identity fixtures own nothing')),
  async call(method, path, req = {}) {
    const r = await send(method, path, req);
    if (r.status < 200 || r.status > 299) throw new Error(`setup ${method} ${path}: ${r.status} ${r.text}`);
    return r;
  },
};

const fixtures = authFixtures(auth);
const table: Record<string, Operation> = authOperations;
// setup first: it works only while no admin exists
const order = ['setupFirstAdmin', ...Object.keys(table).filter((id) => id !== 'setupFirstAdmin')];

describe('identity operations: each answers its declared schema', () => {
  it('has a fixture for every operation', () => {
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(table).sort());
  });

  it.each(order)('%s', async (operationId) => {
    const op = table[operationId];
    const fixture = fixtures[operationId];
    const reply = await send(op.method, op.path, await fixture.prepare(ctx));
    expect(reply.status, reply.text).toBe(fixture.status);
    const declared = op.responses[reply.status];
    expect(declared).toBeDefined();
    if (reply.status === 204) return expect(reply.text).toBe('');
    const parsed = declared?.schema?.safeParse(reply.body);
    expect(parsed?.success, parsed?.error ? z.prettifyError(parsed.error) : 'no schema').toBe(true);
  });
});
