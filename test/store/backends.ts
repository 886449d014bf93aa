import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { Store } from '../../server/src/store/types.js';
import { cleanUpAfterTest } from '../lib/clean-up.js';

/**
 * The two stores the repository contract runs against. PostgreSQL is the machine's (127.0.0.1:5432, trust
 * auth, database `test`; TEST_DATABASE_URL overrides); every test database is a fresh schema, dropped after
 * the test, so test files running in parallel never see each other's rows.
 */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One empty database; stores opened on it share its data (a reopen, or two apps as two nodes). */
export interface TestDatabase {
  open(): Promise<Store>;
  /** SQL run beside the store, as an operator or another program would */
  exec(statement: string, params?: unknown[]): Promise<void>;
  /** for PostgreSQL, the URL whose search_path selects this database's schema */
  url?: string;
  /** for SQLite, the database file */
  file?: string;
}

export interface StoreBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** why this backend cannot run here (PostgreSQL did not answer) */
  unavailable?: string;
  newDatabase(): Promise<TestDatabase>;
}

function tracked(open: () => Promise<Store>): () => Promise<Store> {
  return async () => {
    const store = await open();
    let closed = false;
    const close = store.close.bind(store);
    store.close = async () => {
      if (closed) return;
      closed = true;
      await close();
    };
    cleanUpAfterTest(() => store.close());
    return store;
  };
}

const sqlite: StoreBackend = {
  name: 'SQLite',
  async newDatabase() {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sua-store-')), 'sua-sandbox.db');
    return {
      file,
      open: tracked(() => openSqliteStore({ file })),
      async exec(statement, params = []) {
        const db = new BetterSqlite3(file);
        try {
          // the PostgreSQL spelling of parameters ($1, $2...) in order, as SQLite's anonymous ones
          db.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
        } finally {
          db.close();
        }
      },
    };
  },
};

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function probePostgres(url = PG_URL): Promise<string | undefined> {
  try {
    await withClient(url, (c) => c.query('SELECT 1'));
    return undefined;
  } catch (err) {
    const where = new URL(url);
    return `PostgreSQL at ${where.hostname}:${where.port || 5432} did not answer (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** A URL whose connections use `schema` only. */
export function urlWithSchema(schema: string, url = PG_URL): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A new empty schema, dropped (with everything in it) after the test, or the file when made in a beforeAll. */
export async function freshSchema(): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withClient(PG_URL, (c) => c.query(`CREATE SCHEMA ${schema}`));
  cleanUpAfterTest(() => withClient(PG_URL, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined));
  return schema;
}

async function postgres(): Promise<StoreBackend> {
  return {
    name: 'PostgreSQL',
    unavailable: await probePostgres(),
    async newDatabase() {
      const url = urlWithSchema(await freshSchema());
      return {
        url,
        open: tracked(() => openPostgresStore({ url, maxConnections: 4 })),
        async exec(statement, params = []) {
          await withClient(url, (c) => c.query(statement, params));
        },
      };
    },
  };
}

/** For `describe.each(await storeBackends())`. */
export async function storeBackends(): Promise<StoreBackend[]> {
  return [sqlite, await postgres()];
}

/**
 * Call first inside `describe.each`: false when the backend cannot run. Then, in CI, a failing test says
 * why (the contract must pass on both stores there); elsewhere a skipped one names the reason.
 */
export function backendReady(backend: StoreBackend): boolean {
  const why = backend.unavailable;
  if (why === undefined) return true;
  if (process.env.CI) {
    it(`${backend.name} answers`, () => {
      throw new Error(`${why}; the store contract must run on ${backend.name} in CI`);
    });
  } else {
    console.warn(`${backend.name} tests skipped: ${why}`);
    it.skip(`skipped: ${why}`, () => {});
  }
  return false;
}
