import type { Kysely } from 'kysely';
import type { DdlDialect } from './ddl.js';

/**
 * Migration 0006-applications (issue 12): sandbox applications, their revisions (content, plans, the engine's
 * reports and the rulebook they were checked under), every transition with what held at that moment, and the
 * link from a permission an approval created to its application (one row per version, with its status).
 */
export async function addApplications(db: Kysely<unknown>, d: DdlDialect): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', d.key, (c) => c.primaryKey())
    .addColumn('org_id', d.key, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('permission_id', d.key)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_by_org').on('applications').columns(['org_id', 'created_at']).execute();
  await db.schema
    .createTable('application_revisions')
    .addColumn('application_id', d.key, (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('reports', 'text', (c) => c.notNull())
    .addColumn('rulebook_id', 'text')
    .addColumn('rulebook_version', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_revisions_pk', ['application_id', 'number'])
    .execute();
  await db.schema
    .createTable('application_transitions')
    .addColumn('application_id', d.key, (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('report_ids', 'text', (c) => c.notNull())
    .addColumn('rulebook_id', 'text')
    .addColumn('rulebook_version', 'text')
    .addColumn('permission_id', d.key)
    .addColumn('permission_version', 'integer')
    .addPrimaryKeyConstraint('application_transitions_pk', ['application_id', 'seq'])
    .execute();
  await db.schema
    .createTable('application_permissions')
    .addColumn('permission_id', d.key, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('application_id', d.key, (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_permissions_pk', ['permission_id', 'version'])
    .execute();
  await db.schema
    .createIndex('application_permissions_by_application')
    .on('application_permissions')
    .columns(['application_id'])
    .execute();
}
