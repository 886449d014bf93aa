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

/** Migrations live in code (no migration folder to ship). Append new ones; never edit a released one. */
const sqliteDdl: DdlDialect = {
  key: 'text',
  auditId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
};

const migrations: Record<string, Migration> = {
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
  '0003-job-checkpoints': { up: (db: Kysely<unknown>) => addJobCheckpoints(db, sqliteDdl) },
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
  // Operational intents and vertiport slots (issue 16, Sandbox X traffic management).
  '0004-operational-intents': { up: (db: Kysely<unknown>) => addOperationalIntents(db, sqliteDdl) },
  // Accounts, organisations, sessions and API tokens (issue 12, identity).
  '0005-accounts': { up: (db: Kysely<unknown>) => addAccounts(db, sqliteDdl) },
  // Sandbox applications, revisions, transitions and permission links (issue 12, workflow).
  '0006-applications': { up: (db: Kysely<unknown>) => addApplications(db, sqliteDdl) },
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

export const migrateToLatest = (db: Kysely<unknown>) => migrate(db, migrations);
