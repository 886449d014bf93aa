import { randomBytes } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { SchemaScopedPostgresDialect } from '../../server/src/store/postgres/scoped-introspector.js';
import { backendReady, freshSchema, PG_URL, storeBackends, urlWithSchema } from './backends.js';

const postgres = (await storeBackends()).find((b) => b.name === 'PostgreSQL');
if (!postgres) throw new Error('no PostgreSQL backend');

/**
 * Another session creating and dropping schemas (each with a few tables) as fast as it can, until stopped: what the
 * test files of a run do to the shared database when they clean up, and an operator's DDL may do in production.
 */
function churnSchemas(): { stop(): Promise<number> } {
  let running = true;
  let cycles = 0;
  const loop = (async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      while (running) {
        const s = `churn_${randomBytes(5).toString('hex')}`;
        await client.query(`CREATE SCHEMA ${s}`);
        for (let t = 0; t < 4; t++) await client.query(`CREATE TABLE ${s}.t${t} (id serial PRIMARY KEY, v text)`);
        await client.query(`DROP SCHEMA ${s} CASCADE`);
        cycles++;
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return cycles;
    },
  };
}

describe('PostgreSQL store beside other schemas', () => {
  if (!backendReady(postgres)) return;

  it('opens (migrates) while another session creates and drops schemas in the same database', async () => {
    const churn = churnSchemas();
    const failures: string[] = [];
    let opened = 0;
    try {
      for (let i = 0; i < 12; i++) {
        const db = await postgres.newDatabase();
        try {
          await (await db.open()).close();
          opened++;
        } catch (err) {
          failures.push(String((err as Error).cause ?? err));
        }
      }
    } finally {
      expect(await churn.stop()).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
    expect(opened).toBe(12);
  }, 120_000);

  it("the migrator's introspection sees this schema's tables, and no other schema", async () => {
    const schema = await freshSchema();
    const url = urlWithSchema(schema);
    await (await openPostgresStore({ url })).close();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const k = new Kysely<unknown>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
    try {
      const other = `other_${randomBytes(5).toString('hex')}`;
      await sql`CREATE SCHEMA ${sql.id(other)}`.execute(k);
      await sql`CREATE TABLE ${sql.id(other, 'plans')} (id int)`.execute(k);
      try {
        expect((await k.introspection.getSchemas()).map((s) => s.name)).toEqual([schema]);
        const tables = await k.introspection.getTables();
        expect(tables.every((t) => t.schema === schema)).toBe(true);
        const plans = tables.find((t) => t.name === 'plans');
        expect(plans?.columns.map((c) => c.name)).toContain('id');
        expect(tables.some((t) => t.name === 'kysely_migration')).toBe(false);
        const all = await k.introspection.getTables({ withInternalKyselyTables: true });
        expect(all.some((t) => t.name === 'kysely_migration')).toBe(true);
      } finally {
        await sql`DROP SCHEMA ${sql.id(other)} CASCADE`.execute(k);
      }
    } finally {
      await k.destroy();
    }
  });
});
