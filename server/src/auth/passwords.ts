import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { randomSecret } from './secrets.js';

/** Argon2id (the package's enum is declared const, so its value is written here). */
const ARGON2ID: Algorithm = 2;
/** OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The hash runs on @node-rs/argon2's own threads (async API): the event loop keeps serving. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `stored`. An unknown user or one without a password is checked against a
 * throw-away hash, so the answer takes as long either way and does not tell which emails exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword(randomSecret());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
