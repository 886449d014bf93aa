import { randomUUID } from 'node:crypto';
import type { PublicUser } from '@sua-sandbox/rules/api';
import { badRequest } from '../errors.js';
import { type Actor, recordAudit } from '../services/audit.js';
import type { Store, StoredOrganisation, StoredUser } from '../store/types.js';

/** Input shapes shared by the HTTP routes and the CLI: the HTTP contract's (one validation, one set of messages). */
export {
  Email,
  OrganisationKindName,
  OrganisationName,
  Password,
  PublicUser,
  RoleName,
} from '@sua-sandbox/rules/api';

export const publicUser = (u: StoredUser): PublicUser => ({
  id: u.id,
  email: u.email,
  role: u.role,
  orgId: u.orgId,
  createdAt: u.createdAt,
  disabled: u.disabled,
});

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string | null, password: string): Promise<boolean>;
}

export interface NewUser {
  email: string;
  role: StoredUser['role'];
  orgId: string | null;
  /** set it now, or leave the account without a password (it cannot sign in until one is set) */
  password: string | null;
}

/** An applicant acts for an operator company: the organisation must exist and be one. */
async function checkOrganisation(store: Store, u: NewUser): Promise<void> {
  const org = u.orgId === null ? undefined : await store.accounts.getOrganisation(u.orgId);
  if (u.orgId !== null && !org)
    throw badRequest(`organisation "${u.orgId}" not found`, [
      { path: ['body', 'orgId'], message: 'unknown organisation' },
    ]);
  if (u.role === 'applicant' && org?.kind !== 'operator')
    throw badRequest('an applicant belongs to an operator organisation', [
      { path: ['body', 'orgId'], message: 'an applicant needs an organisation of kind "operator"' },
    ]);
}

/** Creates a user (hashing off the event loop first) and its audit entry in one transaction. */
export async function createUser(store: Store, who: Actor, u: NewUser, hasher: PasswordHasher): Promise<StoredUser> {
  await checkOrganisation(store, u);
  const passwordHash = u.password === null ? null : await hasher.hash(u.password);
  return store.transaction(async (tx) => {
    const user = await tx.accounts.createUser({
      id: randomUUID(),
      email: u.email,
      passwordHash,
      role: u.role,
      orgId: u.orgId,
    });
    await recordAudit(tx, who, 'create', 'user', user.id, null, publicUser(user));
    return user;
  });
}

export async function createOrganisation(
  store: Store,
  who: Actor,
  o: { name: string; kind: StoredOrganisation['kind'] },
): Promise<StoredOrganisation> {
  return store.transaction(async (tx) => {
    const org = await tx.accounts.createOrganisation({ id: randomUUID(), name: o.name, kind: o.kind });
    await recordAudit(tx, who, 'create', 'organisation', org.id, null, org);
    return org;
  });
}

/** Disables a user and ends their sessions (their tokens stop working at once: resolution checks the user). */
export async function disableUser(store: Store, who: Actor, user: StoredUser, at: string): Promise<StoredUser> {
  return store.transaction(async (tx) => {
    await tx.accounts.setUserDisabled(user.id, true);
    await tx.accounts.revokeUserSessions(user.id, at);
    const after = { ...user, disabled: true };
    await recordAudit(tx, who, 'update', 'user', user.id, publicUser(user), publicUser(after));
    return after;
  });
}
