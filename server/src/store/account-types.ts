import type { OrganisationKind, Role } from '../auth/principal.js';

/** Organisations, users, browser sessions and API tokens in the store (issue 12). */

/** Identity (issue 12). Emails are compared lower-case; secrets arrive here already hashed. */
export interface StoredOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: string;
}

export interface StoredUser {
  id: string;
  email: string;
  /** argon2id PHC string; null until a password is set */
  passwordHash: string | null;
  role: Role;
  orgId: string | null;
  createdAt: string;
  disabled: boolean;
}

export interface StoredSession {
  /** SHA-256 of the cookie value, never the value itself */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface StoredApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  scopes: string[];
  sourceId: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AccountRepository {
  /** throws DuplicateKeyError when the name is taken */
  createOrganisation(rec: Omit<StoredOrganisation, 'createdAt'>): Promise<StoredOrganisation>;
  getOrganisation(id: string): Promise<StoredOrganisation | undefined>;
  findOrganisationByName(name: string): Promise<StoredOrganisation | undefined>;
  listOrganisations(): Promise<StoredOrganisation[]>;
  /** throws DuplicateKeyError when the email (in any case) is taken */
  createUser(rec: Omit<StoredUser, 'createdAt' | 'disabled'>): Promise<StoredUser>;
  getUser(id: string): Promise<StoredUser | undefined>;
  /** case-insensitive */
  findUserByEmail(email: string): Promise<StoredUser | undefined>;
  listUsers(): Promise<StoredUser[]>;
  /** users with any of these roles, enabled ones only */
  countUsersWithRole(roles: readonly StoredUser['role'][]): Promise<number>;
  setUserDisabled(id: string, disabled: boolean): Promise<boolean>;
  setPasswordHash(id: string, hash: string): Promise<boolean>;
  createSession(rec: Omit<StoredSession, 'revokedAt'>): Promise<StoredSession>;
  getSession(id: string): Promise<StoredSession | undefined>;
  /** moves the expiry (sliding sessions); only a live session */
  extendSession(id: string, expiresAt: string): Promise<void>;
  /** false when unknown or already revoked */
  revokeSession(id: string, at: string): Promise<boolean>;
  /** every live session of a user (disable, password change); returns how many */
  revokeUserSessions(userId: string, at: string): Promise<number>;
  /** throws DuplicateKeyError on a repeated id or hash */
  createApiToken(rec: Omit<StoredApiToken, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<StoredApiToken>;
  findApiTokenByHash(tokenHash: string): Promise<StoredApiToken | undefined>;
  listApiTokens(userId: string): Promise<StoredApiToken[]>;
  /** only the owner's token; false when unknown, not theirs or already revoked */
  revokeApiToken(id: string, userId: string, at: string): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;
  addSetupToken(rec: { tokenHash: string; expiresAt: string }): Promise<void>;
  /** one-time: true once for a known, unused token that has not expired at `at` */
  consumeSetupToken(tokenHash: string, at: string): Promise<boolean>;
  /** drops unused setup tokens (a new start issues a fresh one) */
  clearSetupTokens(): Promise<void>;
}
