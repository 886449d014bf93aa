/**
 * The credentials the test HTTP helpers send to a server by default, by its base URL: one table for the
 * integration helpers (`call`, an admin's token) and the abuse suite (`api`, the attacker's token).
 */
const byBase = new Map<string, Record<string, string>>();

/** Registers the headers sent to `base` by default (`{}`: none). */
export function useCredentials(base: string, headers: Record<string, string>): void {
  byBase.set(base, headers);
}

/** The headers sent to `base` by default (a copy; empty when none were registered). */
export function defaultCredentials(base: string): Record<string, string> {
  return { ...byBase.get(base) };
}

/** Forget `base` (its server closed: a later server of the same test process may get its port). */
export function forgetCredentials(base: string): void {
  byBase.delete(base);
}
