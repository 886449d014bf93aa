import { randomUUID } from 'node:crypto';
import { type Role, TOKEN_SCOPES } from '../../server/src/auth/principal.js';
import { randomSecret, sha256Hex } from '../../server/src/auth/secrets.js';
import { API_TOKEN_PREFIX } from '../../server/src/auth/service.js';
import { FIXTURE_PASSWORD } from '../contracts/auth-fixtures.js';
import type { TestServer } from '../server/helpers.js';
import { seedOrganisation } from '../server/principals.js';
import { addUser, signIn } from './helpers.js';

/**
 * The six callers of the authorization matrix (issue 12), as real accounts of one server: each is a user with a
 * password (for browser sessions) and a personal API token with every scope.
 */
export const WHO = ['anonymous', 'viewer', 'applicantA', 'applicantB', 'regulator', 'admin'] as const;
export type Who = (typeof WHO)[number];

/** A value for each principal. */
export const byWho = <T>(f: (who: Who) => T): Record<Who, T> => ({
  anonymous: f('anonymous'),
  viewer: f('viewer'),
  applicantA: f('applicantA'),
  applicantB: f('applicantB'),
  regulator: f('regulator'),
  admin: f('admin'),
});

export interface MatrixPrincipal {
  userId: string | null;
  email: string | null;
  orgId: string | null;
  /** `Authorization: Bearer sua_pat_…`; none for anonymous */
  token: Record<string, string>;
}

export interface MatrixPrincipals {
  orgA: string;
  orgB: string;
  of: Record<Who, MatrixPrincipal>;
  /** a fresh browser session of `who` (`cookie` header); none for anonymous */
  session(who: Who): Promise<Record<string, string>>;
}

export async function seedMatrixPrincipals(server: Pick<TestServer, 'url' | 'store'>): Promise<MatrixPrincipals> {
  const orgA = (await seedOrganisation(server.store, 'Org A Drones', 'operator')).id;
  const orgB = (await seedOrganisation(server.store, 'Org B Drones', 'operator')).id;
  const user = async (who: Who, role: Role, orgId: string | null): Promise<MatrixPrincipal> => {
    const email = `${who.toLowerCase()}@matrix.example.org`;
    const userId = await addUser(server.store, email, role, FIXTURE_PASSWORD, orgId);
    const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
    await server.store.accounts.createApiToken({
      id: randomUUID(),
      userId,
      name: 'matrix',
      tokenHash: sha256Hex(token),
      scopes: [...TOKEN_SCOPES],
      sourceId: null,
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    return { userId, email, orgId, token: { authorization: `Bearer ${token}` } };
  };
  const of: Record<Who, MatrixPrincipal> = {
    anonymous: { userId: null, email: null, orgId: null, token: {} },
    viewer: await user('viewer', 'viewer', null),
    applicantA: await user('applicantA', 'applicant', orgA),
    applicantB: await user('applicantB', 'applicant', orgB),
    regulator: await user('regulator', 'regulator', null),
    admin: await user('admin', 'admin', null),
  };
  return {
    orgA,
    orgB,
    of,
    async session(who): Promise<Record<string, string>> {
      const email = of[who].email;
      if (!email) return {};
      const { cookie, reply } = await signIn(server.url, email, FIXTURE_PASSWORD);
      if (!cookie) throw new Error(`${who} could not sign in: ${reply.status} ${reply.text}`);
      return { cookie };
    },
  };
}
