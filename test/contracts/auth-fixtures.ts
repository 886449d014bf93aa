import type { FixtureContext, FixtureRequest, OperationFixture } from './operation-fixtures.js';

/**
 * Fixtures for the identity operations (issue 12). They need signed-in principals: `auth` is that piece, the
 * harness seeds the accounts in its store (server/src/auth/accounts.ts createUser) and signs them in
 * (fixture-principals.ts). `identityFixtures` takes it from the fixture context (operationFixtures uses those).
 */
export interface FixtureAuth {
  /** a Cookie header value (`sua_session=…`) of a fresh session of a user with this role */
  session(role: 'admin' | 'applicant'): Promise<string>;
  /** a fresh one-time setup token (server/src/auth/bootstrap.ts issueSetupToken), or none once an admin exists */
  setupToken(): Promise<string | undefined>;
  /** the Cookie header value of a new session of this user */
  signInAs(email: string, password: string): Promise<string>;
  /** a user that can sign in: email and password */
  credentials(): Promise<{ email: string; password: string }>;
}

/** the password of every user the fixtures create or sign in (changePassword's `currentPassword`) */
export const FIXTURE_PASSWORD = 'contract-fixture-password';
const PASSWORD = FIXTURE_PASSWORD;

function idOf(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? Reflect.get(body, 'id') : undefined;
  if (typeof id !== 'string') throw new Error('setup reply has no id');
  return id;
}

export function authFixtures(auth: FixtureAuth): Record<string, OperationFixture> {
  const as = async (role: 'admin' | 'applicant', req: FixtureRequest = {}): Promise<FixtureRequest> => ({
    ...req,
    headers: { ...req.headers, cookie: await auth.session(role) },
  });
  const newUser = async (ctx: FixtureContext, cookie: string) =>
    idOf(
      (
        await ctx.call('POST', '/api/users', {
          json: { email: `${ctx.unique('user')}@example.org`, role: 'viewer', password: PASSWORD },
          headers: { cookie },
        })
      ).body,
    );
  const newToken = async (ctx: FixtureContext, cookie: string) => {
    const r = await ctx.call('POST', '/api/auth/tokens', {
      json: { name: ctx.unique('token'), scopes: ['read'], expiresInDays: 1 },
      headers: { cookie },
    });
    return idOf(Reflect.get(r.body as object, 'record'));
  };
  return {
    signIn: { status: 200, prepare: async () => ({ json: await auth.credentials() }) },
    signOut: { status: 204, prepare: () => as('applicant') },
    whoAmI: { status: 200, prepare: () => as('applicant') },
    setupFirstAdmin: {
      status: 201,
      prepare: async (ctx) => ({
        json: { token: await auth.setupToken(), email: `${ctx.unique('root')}@example.org`, password: PASSWORD },
      }),
    },
    changePassword: {
      status: 204,
      prepare: async (ctx) => {
        const cookie = await auth.session('admin');
        const email = `${ctx.unique('pw')}@example.org`;
        await ctx.call('POST', '/api/users', {
          json: { email, role: 'viewer', password: PASSWORD },
          headers: { cookie },
        });
        const who = await auth.signInAs(email, PASSWORD);
        return { json: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-2` }, headers: { cookie: who } };
      },
    },
    listApiTokens: { status: 200, prepare: () => as('applicant') },
    createApiToken: {
      status: 201,
      prepare: (ctx) => as('applicant', { json: { name: ctx.unique('token'), scopes: ['read'], expiresInDays: 30 } }),
    },
    revokeApiToken: {
      status: 204,
      prepare: async (ctx) => {
        const cookie = await auth.session('applicant');
        return { params: { id: await newToken(ctx, cookie) }, headers: { cookie } };
      },
    },
    listUsers: { status: 200, prepare: () => as('admin') },
    createUser: {
      status: 201,
      prepare: (ctx) =>
        as('admin', { json: { email: `${ctx.unique('user')}@example.org`, role: 'viewer', password: PASSWORD } }),
    },
    disableUser: {
      status: 200,
      prepare: async (ctx) => {
        const cookie = await auth.session('admin');
        return { params: { id: await newUser(ctx, cookie) }, headers: { cookie } };
      },
    },
    listOrganisations: { status: 200, prepare: () => as('admin') },
    createOrganisation: {
      status: 201,
      prepare: (ctx) => as('admin', { json: { name: ctx.unique('Org'), kind: 'operator' } }),
    },
  };
}

/** The identity fixtures, each reading the signed-in principals from `ctx.auth`. */
export function identityFixtures(): Record<string, OperationFixture> {
  const unused: FixtureAuth = {
    session: () => Promise.reject(new Error('no auth')),
    setupToken: () => Promise.reject(new Error('no auth')),
    signInAs: () => Promise.reject(new Error('no auth')),
    credentials: () => Promise.reject(new Error('no auth')),
  };
  return Object.fromEntries(
    Object.entries(authFixtures(unused)).map(([id, { status }]) => [
      id,
      { status, prepare: (ctx: FixtureContext) => authFixtures(ctx.auth)[id].prepare(ctx) },
    ]),
  );
}
