import type { Kysely, Transaction } from 'kysely';
import { DuplicateKeyError } from '../types.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type Clock = () => string;

/** JSON columns are text in SQLite; rows were validated before they were written. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
export function fromJsonOrNull(text: string | null): unknown | null {
  return text === null ? null : JSON.parse(text);
}

/** Translates a primary-key violation into the store's own error (the services never see SQLite codes). */
export async function insertOrDuplicate<T>(entity: string, key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new DuplicateKeyError(entity, key);
    throw err;
  }
}
