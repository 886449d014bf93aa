import { issueSetupToken } from '../../server/src/auth/bootstrap.js';
import { AuthService } from '../../server/src/auth/service.js';
import { addUser, signIn } from '../auth/helpers.js';
import type { TestServer } from '../server/helpers.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { FIXTURE_PASSWORD, type FixtureAuth } from './auth-fixtures.js';

/**
 * The principals a fixture harness hands to the fixtures of one server: signed-in users for the identity
 * operations (`auth`), and the owner of what fixtures store for an organisation (plans, applications) — an
 * applicant of an operator organisation, by API token. Everything is seeded on first use, so a harness can
 * run `setupFirstAdmin` (which needs a store without any administrator) before anything else.
 */
export interface FixturePrincipals {
  auth: FixtureAuth;
  /** the owner's credentials (headers); the same principal every time */
  owner(): Promise<Record<string, string>>;
}

export function fixturePrincipals(
  server: Pick<TestServer, 'url' | 'store'>,
  opts: { ownerHeaders?: () => Promise<Record<string, string>>; now?: () => number } = {},
): FixturePrincipals {
  const seeded = new Map<string, Promise<string>>();
  let operator: Promise<string> | undefined;
  const operatorOrg = () => {
    operator ??= seedOrganisation(server.store, 'Fixture Operators', 'operator').then((o) => o.id);
    return operator;
  };
  /** one signed-in-able user per role, created once */
  const user = (role: 'admin' | 'applicant'): Promise<string> => {
    let email = seeded.get(role);
    if (!email) {
      email = (async () => {
        const address = `${role}@fixtures.example.org`;
        await addUser(server.store, address, role, FIXTURE_PASSWORD, role === 'applicant' ? await operatorOrg() : null);
        return address;
      })();
      seeded.set(role, email);
    }
    return email;
  };
  const sessionOf = async (email: string, password: string) => {
    const { cookie, reply } = await signIn(server.url, email, password);
    if (!cookie) throw new Error(`fixture sign-in of ${email} answered ${reply.status}`);
    return cookie;
  };
  let owner: Promise<Record<string, string>> | undefined;
  return {
    auth: {
      session: async (role) => sessionOf(await user(role), FIXTURE_PASSWORD),
      signInAs: sessionOf,
      setupToken: () => issueSetupToken(new AuthService(server.store, opts.now ? { now: opts.now } : {})),
      credentials: async () => ({ email: await user('applicant'), password: FIXTURE_PASSWORD }),
    },
    owner() {
      owner ??=
        opts.ownerHeaders?.() ??
        operatorOrg().then(async (orgId) => (await seedPrincipal(server.store, 'applicant', { orgId })).headers);
      return owner;
    },
  };
}
