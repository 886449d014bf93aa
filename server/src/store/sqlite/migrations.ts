import { type Kysely, type Migration, sql } from 'kysely';
import { addAuditChain, createInitialTables, type DdlDialect } from '../kysely/ddl.js';
import { migrateToLatest as migrate } from '../kysely/index.js';
import { sharedMigrations } from '../kysely/shared-migrations.js';

/**
 * Migrations live in code (no migration folder to ship): the shared ones (kysely/shared-migrations.ts) and SQLite's
 * spellings of the triggers. Never edit a released one.
 */
const sqliteDdl: DdlDialect = {
  key: 'text',
  auditId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
};

const migrations: Record<string, Migration> = {
  ...sharedMigrations(sqliteDdl),
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await createInitialTables(db, sqliteDdl);
      // The audit log is append-only: the database itself refuses edits and deletions.
      await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(
        db,
      );
      await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(
        db,
      );
    },
  },
  // A counter every process can read in one indexed lookup to know its cached zone layers are stale.
  // Triggers bump it, so any writer (server, CLI, a second app on the file) keeps it right.
  '0003-zone-layers-version': {
    async up(db: Kysely<unknown>) {
      await sql`INSERT OR IGNORE INTO meta (key, value) VALUES ('zone-layers-version', '0')`.execute(db);
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER zone_layers_version_${event.toLowerCase()} AFTER ${event} ON zone_layers BEGIN ` +
              `UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'zone-layers-version'; END`,
          )
          .execute(db);
      }
    },
  },
  // The audit log as a hash chain (issue 12); the append-only triggers are lifted only for the backfill.
  '0007-audit-chain': {
    up: (db: Kysely<unknown>) =>
      addAuditChain(db, async (d, allow) => {
        if (allow) {
          await sql`DROP TRIGGER audit_no_update`.execute(d);
          return;
        }
        await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(
          d,
        );
      }),
  },
};

export const migrateToLatest = (db: Kysely<unknown>) => migrate(db, migrations);
