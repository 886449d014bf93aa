import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { openPostgresStore, PostgresUnavailableError } from '../../server/src/store/postgres/index.js';
import { backendReady, PG_URL, storeBackends } from './backends.js';

const request = { draft: 'd', base: 'b@1', corpus: 'stored' };
const postgres = (await storeBackends()).find((b) => b.name === 'PostgreSQL');
if (!postgres) throw new Error('no PostgreSQL backend');

describe('DATABASE_URL', () => {
  it('selects PostgreSQL when set, SQLite when unset or empty, and refuses what is not a postgres URL', () => {
    const url = 'postgres://sua@db.internal:5432/sua';
    expect(loadConfig({ DATABASE_URL: url }, '/repo').databaseUrl).toBe(url);
    expect(loadConfig({}, '/repo').databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }, '/repo').databaseUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' }, '/repo')).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' }, '/repo')).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
  });

  it('a database that does not answer is named (host and port, never the password)', async () => {
    // port 1 on the loopback: nothing listens there
    const url = 'postgres://sua:secret@127.0.0.1:1/sua';
    const failed = await openPostgresStore({ url }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(PostgresUnavailableError);
    expect(String(failed)).toMatch(/PostgreSQL at 127\.0\.0\.1:1 did not answer: .*ECONNREFUSED/);
    expect(String(failed)).not.toContain('secret');
  });
});

describe('PostgreSQL store', () => {
  if (!backendReady(postgres)) return;

  it('compares ids byte-wise, as SQLite does, whatever the database collation', async () => {
    const db = await postgres.newDatabase();
    await (await db.open()).close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const r = await client.query<{ table_name: string; collation_name: string | null }>(
        "SELECT table_name, collation_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND data_type = 'text'",
      );
      expect(r.rows.map((c) => c.table_name).sort()).toEqual(
        [
          'api_tokens',
          'applications',
          'auth_sessions',
          'drafts',
          'impact_jobs',
          'operational_intents',
          'organisations',
          'permissions',
          'plans',
          'reports',
          'users',
          'zone_layers',
        ].sort(),
      );
      expect(new Set(r.rows.map((c) => c.collation_name))).toEqual(new Set(['C']));
    } finally {
      await client.end();
    }
  });

  it('refuses a search_path that names no schema, saying so', async () => {
    const url = new URL(PG_URL);
    url.searchParams.set('options', '-c search_path=no_such_schema_here');
    await expect(openPostgresStore({ url: url.toString() })).rejects.toThrow(/search_path names no existing schema/);
  });

  it('only one process resumes unfinished jobs: the holder of the advisory lock, until it closes', async () => {
    const db = await postgres.newDatabase();
    const nodeA = await db.open();
    const nodeB = await db.open();
    await nodeA.jobs.create({ id: 'left-running', request, total: 5 });
    await nodeA.jobs.markRunning('left-running');
    expect((await nodeA.jobs.unfinished()).map((j) => j.id)).toEqual(['left-running']);
    // asked again, the holder still answers; the other node is told there is nothing for it to resume
    expect((await nodeA.jobs.unfinished()).map((j) => j.id)).toEqual(['left-running']);
    expect(await nodeB.jobs.unfinished()).toEqual([]);
    await nodeA.close();
    expect((await nodeB.jobs.unfinished()).map((j) => j.id)).toEqual(['left-running']);
  });

  it('the resume lock is per schema: stores in other schemas do not wait on each other', async () => {
    const [one, two] = [await postgres.newDatabase(), await postgres.newDatabase()];
    const [a, b] = [await one.open(), await two.open()];
    await a.jobs.create({ id: 'ja', request, total: 1 });
    await b.jobs.create({ id: 'jb', request, total: 1 });
    expect((await a.jobs.unfinished()).map((j) => j.id)).toEqual(['ja']);
    expect((await b.jobs.unfinished()).map((j) => j.id)).toEqual(['jb']);
  });

  it('keeps the audit log append-only against TRUNCATE too', async () => {
    const db = await postgres.newDatabase();
    const store = await db.open();
    await store.audit.append({ actor: 'a', action: 'x', entityType: 'plan', entityId: 'p', before: null, after: null });
    await expect(db.exec('TRUNCATE audit')).rejects.toThrow(/append-only/);
    expect(await store.audit.list()).toHaveLength(1);
  });
});
