import type { Kysely, Migration } from 'kysely';
import { addApplications } from './applications-ddl.js';
import { addJobCheckpoints, addJobKinds, addJobOwners, addOperationalIntents, type DdlDialect } from './ddl.js';
import { addAccounts } from './ddl-accounts.js';
import { addIntentChanges, addVertiportSlotChanges } from './intents-ddl.js';

/**
 * The migrations SQLite and PostgreSQL spell alike (given the dialect's key and id columns). Each store adds the ones
 * whose SQL differs (its triggers: 0001, 0003-zone-layers-version, 0007). Kysely runs them in the order of their
 * names. A new migration goes here unless its SQL differs by store; never edit a released one.
 */
export function sharedMigrations(ddl: DdlDialect): Record<string, Migration> {
  return {
    '0003-job-checkpoints': { up: (db: Kysely<unknown>) => addJobCheckpoints(db, ddl) },
    // Operational intents and vertiport slots (issue 16, Sandbox X traffic management).
    '0004-operational-intents': { up: (db: Kysely<unknown>) => addOperationalIntents(db, ddl) },
    // Accounts, organisations, sessions and API tokens (issue 12, identity).
    '0005-accounts': { up: (db: Kysely<unknown>) => addAccounts(db, ddl) },
    // Sandbox applications, revisions, transitions and permission links (issue 12, workflow).
    '0006-applications': { up: (db: Kysely<unknown>) => addApplications(db, ddl) },
    // Plans belong to an organisation (issue 12): an applicant sees its own organisation's only.
    '0008-plan-owners': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('plans').addColumn('owner_org', 'text').execute();
        await db.schema.createIndex('plans_by_owner').on('plans').columns(['owner_org', 'created_at']).execute();
      },
    },
    // Jobs of more than one kind (issue 15): impact runs, scenario batches and zone imports share the job table and
    // queue.
    '0009-job-kinds': { up: (db: Kysely<unknown>) => addJobKinds(db) },
    // Which operational intents changed since a node last looked (issues 15/16: one decision at a time in a
    // cluster).
    '0010-intent-changes': { up: (db: Kysely<unknown>) => addIntentChanges(db) },
    // Jobs an operator starts (large plan uploads) are its own: read by it (and the regulator), capped per
    // principal.
    '0011-job-owners': { up: (db: Kysely<unknown>) => addJobOwners(db) },
    // Which vertiport slots were booked or freed since a node last looked (issues 15/16: one booking at a time in
    // a cluster).
    '0012-vertiport-slot-changes': { up: (db: Kysely<unknown>) => addVertiportSlotChanges(db) },
  };
}
