import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret, base64url (32 bytes: 43 characters). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Session ids, API tokens and setup tokens are stored as their SHA-256: they are long random values (no
 * dictionary to try), so a fast hash is enough, and a database dump gives nothing to sign in with.
 */
export const sha256Hex = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares two strings without leaking where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
