import { operations, type PublicUser } from '@sua-sandbox/rules/api';
import { call } from '../net/api.js';

export type { PublicUser };

/** Roles that may use the regulator's tools (drafts, impact runs): the access policy's REGULATOR. */
const REGULATOR_ROLES: ReadonlySet<PublicUser['role']> = new Set(['regulator', 'admin']);

export const isRegulator = (user: PublicUser | undefined): boolean =>
  user !== undefined && REGULATOR_ROLES.has(user.role);

/**
 * Who this browser is signed in as (the httpOnly `sua_session` cookie is invisible to script, so the server's
 * `GET /api/auth/me` is the only source). Listeners hear every change: sign-in, sign-out, an expired session.
 */
export class Account {
  private current: PublicUser | undefined;
  private readonly listeners = new Set<(user: PublicUser | undefined) => void>();

  get user(): PublicUser | undefined {
    return this.current;
  }

  onChange(fn: (user: PublicUser | undefined) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Asks the server who this browser is; an error leaves the visitor anonymous (the public tools still work). */
  async refresh(): Promise<void> {
    try {
      const me = await call(operations.whoAmI, {});
      this.set(me.kind === 'user' ? me.user : undefined);
    } catch {
      this.set(undefined);
    }
  }

  /** Rejects with the server's ApiError (401 wrong credentials, 429 too many failures, 400 bad input). */
  async signIn(email: string, password: string): Promise<PublicUser> {
    const { user } = await call(operations.signIn, { body: { email, password } });
    this.set(user);
    return user;
  }

  async signOut(): Promise<void> {
    await call(operations.signOut, {});
    this.set(undefined);
  }

  private set(user: PublicUser | undefined): void {
    const same =
      user?.id === this.current?.id && user?.role === this.current?.role && user?.email === this.current?.email;
    this.current = user;
    if (same) return;
    for (const fn of this.listeners) fn(user);
  }
}
