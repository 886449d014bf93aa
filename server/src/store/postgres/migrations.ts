import { type Kysely, type Migration, sql } from 'kysely';
import { addAuditChain, createInitialTables, type DdlDialect } from '../kysely/ddl.js';
import { migrateToLatest as migrate } from '../kysely/index.js';
import { sharedMigrations } from '../kysely/shared-migrations.js';

/**
 * The PostgreSQL migrations: the same names and tables as SQLite's (store/sqlite/migrations.ts), with PostgreSQL's
 * spelling of the triggers; the rest are shared (kysely/shared-migrations.ts). Never edit a released one.
 * Functions are created in the store's schema and keep its search_path, so a trigger fired from a session
 * with another search_path still writes this schema's tables.
 */
const postgresDdl: DdlDialect = {
  // byte-wise comparison, as SQLite's: lists ordered by id come out in the same order in both stores
  key: sql`text collate "C"`,
  auditId: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
};

const migrations: Record<string, Migration> = {
  ...sharedMigrations(postgresDdl),
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await createInitialTables(db, postgresDdl);
      // The audit log is append-only: the database itself refuses edits, deletions and TRUNCATE.
      await sql`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT
        AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`.execute(
        db,
      );
    },
  },
  // The zone layers' version counter (see the SQLite migration of the same name), bumped by a trigger so
  // every writer keeps it right: each node of a cluster, the CLI, an operator's SQL.
  '0003-zone-layers-version': {
    async up(db: Kysely<unknown>) {
      await sql`INSERT INTO meta (key, value) VALUES ('zone-layers-version', '0') ON CONFLICT (key) DO NOTHING`.execute(
        db,
      );
      await sql`CREATE FUNCTION zone_layers_bump_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT
        AS $$ BEGIN
          UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'zone-layers-version';
          RETURN NULL;
        END $$`.execute(db);
      await sql`CREATE TRIGGER zone_layers_version AFTER INSERT OR UPDATE OR DELETE ON zone_layers
        FOR EACH ROW EXECUTE FUNCTION zone_layers_bump_version()`.execute(db);
      await sql`CREATE TRIGGER zone_layers_version_truncate AFTER TRUNCATE ON zone_layers
        FOR EACH STATEMENT EXECUTE FUNCTION zone_layers_bump_version()`.execute(db);
    },
  },
  // The audit log as a hash chain (issue 12); the append-only trigger is lifted only for the backfill.
  '0007-audit-chain': {
    up: (db: Kysely<unknown>) =>
      addAuditChain(db, async (d, allow) => {
        await sql.raw(`ALTER TABLE audit ${allow ? 'DISABLE' : 'ENABLE'} TRIGGER audit_no_update`).execute(d);
      }),
  },
};

/** Runs pending migrations; Kysely's own tables live in `schema` (the store's), not in any schema on the path. */
export const migrateToLatest = (db: Kysely<unknown>, schema: string) => migrate(db, migrations, schema);
