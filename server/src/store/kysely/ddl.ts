import type { ColumnDataType, CreateTableBuilder, Expression, Kysely } from 'kysely';
import { auditEntryHash } from '../audit-hash.js';
import type { Database } from './schema.js';

/** What the two databases spell differently in the shared tables. */
export interface DdlDialect {
  /** ids and other sort keys: PostgreSQL must compare them byte-wise, as SQLite does, for the same order */
  key: ColumnDataType | Expression<unknown>;
  /** the audit log's generated id */
  auditId(table: CreateTableBuilder<'audit'>): CreateTableBuilder<'audit', 'id'>;
}

/** Migration 0001's tables and indexes (each store adds its own triggers). */
export async function createInitialTables(db: Kysely<unknown>, d: DdlDialect): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reports')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('plan_id', d.key)
    .addColumn('rulebook_id', 'text', (c) => c.notNull())
    .addColumn('rulebook_version', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_by_plan').on('reports').columns(['plan_id', 'created_at']).execute();
  await db.schema
    .createTable('drafts')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('zone_layers')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('zone_count', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('permissions')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('impact_jobs')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addColumn('summary', 'text')
    .execute();
  await db.schema
    .createTable('impact_results')
    .addColumn('job_id', d.key, (c) => c.notNull().references('impact_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('plan_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('impact_results_pk', ['job_id', 'seq'])
    .execute();
  await d
    .auditId(db.schema.createTable('audit'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_by_entity').on('audit').columns(['entity_type', 'entity_id']).execute();
  await db.schema
    .createTable('meta')
    .addColumn('key', d.key, (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Migration 0003-job-checkpoints. Resumable impact jobs: the corpus is copied in at creation, each batch's
 * rows and the running totals are written with the progress counter, so a restart continues where the last
 * batch ended.
 */
export async function addJobCheckpoints(db: Kysely<unknown>, d: DdlDialect): Promise<void> {
  await db.schema.alterTable('impact_jobs').addColumn('input', 'text').execute();
  await db.schema.alterTable('impact_jobs').addColumn('tally', 'text').execute();
  await db.schema
    .alterTable('impact_jobs')
    .addColumn('work_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('impact_jobs')
    .addColumn('resumes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('impact_inputs')
    .addColumn('job_id', d.key, (c) => c.notNull().references('impact_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('plan_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('impact_inputs_pk', ['job_id', 'seq'])
    .execute();
  await db.schema.createIndex('impact_jobs_by_status').on('impact_jobs').columns(['status']).execute();
}

/**
 * Migration 0004-operational-intents (issue 16). Intents keep their reference and details as JSON text;
 * state and time_end are columns so a start-up reads only the live ones. Vertiport slots are a table of
 * their own: one row per movement holding a slot.
 */
export async function addOperationalIntents(db: Kysely<unknown>, d: DdlDialect): Promise<void> {
  await db.schema
    .createTable('operational_intents')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('manager', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('time_start', 'text', (c) => c.notNull())
    .addColumn('time_end', 'text', (c) => c.notNull())
    .addColumn('plan_id', d.key)
    .addColumn('route_id', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('operational_intents_live')
    .on('operational_intents')
    .columns(['state', 'time_end'])
    .execute();
  await db.schema
    .createTable('vertiport_slots')
    .addColumn('vertiport_id', d.key, (c) => c.notNull())
    .addColumn('slot_index', 'integer', (c) => c.notNull())
    .addColumn('intent_id', d.key, (c) => c.notNull())
    .addColumn('movement', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vertiport_slots_pk', ['vertiport_id', 'slot_index', 'intent_id', 'movement'])
    .execute();
  await db.schema.createIndex('vertiport_slots_by_intent').on('vertiport_slots').columns(['intent_id']).execute();
}

/**
 * The audit log becomes a hash chain (issue 12): each entry carries the previous entry's hash and its own.
 * Entries written before this migration are chained here, in id order, so `audit verify` covers all of them;
 * `allowUpdates` lifts the append-only triggers for the duration of that one backfill.
 */
export async function addAuditChain(
  db: Kysely<unknown>,
  allowUpdates: (db: Kysely<unknown>, allow: boolean) => Promise<void>,
): Promise<void> {
  await db.schema.alterTable('audit').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit').addColumn('hash', 'text').execute();
  const typed = db as Kysely<Database>;
  const rows = await typed.selectFrom('audit').selectAll().orderBy('id', 'asc').execute();
  if (rows.length === 0) return;
  await allowUpdates(db, true);
  let prev: string | null = null;
  for (const r of rows) {
    const hash = auditEntryHash(prev, r);
    await typed.updateTable('audit').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
    prev = hash;
  }
  await allowUpdates(db, false);
}

/** Migration 0009-job-kinds: impact runs, scenario batches and zone imports share the job table and queue. */
export async function addJobKinds(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('impact_jobs')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('impact'))
    .execute();
}

/** Migration 0011-job-owners: a job an operator started (a large plan upload) is its own; the index counts them. */
export async function addJobOwners(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('impact_jobs').addColumn('owner', 'text').execute();
  await db.schema.createIndex('impact_jobs_by_owner').on('impact_jobs').columns(['owner', 'kind', 'status']).execute();
}
