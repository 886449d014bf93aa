import type { Kysely, Transaction } from 'kysely';
import { DuplicateKeyError } from '../types.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type Clock = () => string;

/**
 * JSON columns are text in both stores (not jsonb: PostgreSQL's jsonb reorders keys, and a stored report or
 * job summary must read back byte for byte). Rows were validated before they were written.
 */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
export function fromJsonOrNull(text: string | null): unknown | null {
  return text === null ? null : JSON.parse(text);
}

/** Key violations: SQLite's codes, and PostgreSQL's SQLSTATE unique_violation. */
const DUPLICATE_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', '23505']);

/** Translates a primary-key violation into the store's own error (the services never see database codes). */
export async function insertOrDuplicate<T>(entity: string, key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && DUPLICATE_CODES.has(code)) throw new DuplicateKeyError(entity, key);
    throw err;
  }
}
