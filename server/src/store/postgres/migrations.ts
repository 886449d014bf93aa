import { type Kysely, type Migration, sql } from 'kysely';
import { addApplications } from '../kysely/applications-ddl.js';
import {
  addAuditChain,
  addJobCheckpoints,
  addJobKinds,
  addJobOwners,
  addOperationalIntents,
  createInitialTables,
  type DdlDialect,
} from '../kysely/ddl.js';
import { addAccounts } from '../kysely/ddl-accounts.js';
import { migrateToLatest as migrate } from '../kysely/index.js';
import { addIntentChanges, addVertiportSlotChanges } from '../kysely/intents-ddl.js';

/**
 * The PostgreSQL migrations: the same names and tables as SQLite's (store/sqlite/migrations.ts), with
 * PostgreSQL's spelling of the triggers. Append new ones to both lists; never edit a released one.
 * Functions are created in the store's schema and keep its search_path, so a trigger fired from a session
 * with another search_path still writes this schema's tables.
 */
const postgresDdl: DdlDialect = {
  // byte-wise comparison, as SQLite's: lists ordered by id come out in the same order in both stores
  key: sql`text collate "C"`,
  auditId: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
};

const migrations: Record<string, Migration> = {
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
  '0003-job-checkpoints': { up: (db: Kysely<unknown>) => addJobCheckpoints(db, postgresDdl) },
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
  // Operational intents and vertiport slots (issue 16, Sandbox X traffic management).
  '0004-operational-intents': { up: (db: Kysely<unknown>) => addOperationalIntents(db, postgresDdl) },
  // Accounts, organisations, sessions and API tokens (issue 12, identity).
  '0005-accounts': { up: (db: Kysely<unknown>) => addAccounts(db, postgresDdl) },
  // Sandbox applications, revisions, transitions and permission links (issue 12, workflow).
  '0006-applications': { up: (db: Kysely<unknown>) => addApplications(db, postgresDdl) },
  // The audit log as a hash chain (issue 12); the append-only trigger is lifted only for the backfill.
  '0007-audit-chain': {
    up: (db: Kysely<unknown>) =>
      addAuditChain(db, async (d, allow) => {
        await sql.raw(`ALTER TABLE audit ${allow ? 'DISABLE' : 'ENABLE'} TRIGGER audit_no_update`).execute(d);
      }),
  },
  // Plans belong to an organisation (issue 12): an applicant sees its own organisation's only.
  '0008-plan-owners': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('plans').addColumn('owner_org', 'text').execute();
      await db.schema.createIndex('plans_by_owner').on('plans').columns(['owner_org', 'created_at']).execute();
    },
  },
  // Jobs of more than one kind (issue 15): impact runs, scenario batches and zone imports share the job table and queue.
  '0009-job-kinds': { up: (db: Kysely<unknown>) => addJobKinds(db) },
  // Which operational intents changed since a node last looked (issues 15/16: one decision at a time in a cluster).
  '0010-intent-changes': { up: (db: Kysely<unknown>) => addIntentChanges(db) },
  // Jobs an operator starts (large plan uploads) are its own: read by it (and the regulator), capped per principal.
  '0011-job-owners': { up: (db: Kysely<unknown>) => addJobOwners(db) },
  // Which vertiport slots were booked or freed since a node last looked (issues 15/16: one booking at a time in a cluster).
  '0012-vertiport-slot-changes': { up: (db: Kysely<unknown>) => addVertiportSlotChanges(db) },
};

/** Runs pending migrations; Kysely's own tables live in `schema` (the store's), not in any schema on the path. */
export const migrateToLatest = (db: Kysely<unknown>, schema: string) => migrate(db, migrations, schema);
