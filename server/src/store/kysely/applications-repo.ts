import {
  ApplicationAction,
  type ApplicationContent,
  ApplicationState,
  type Permission,
  type Report,
  type RevisionCheck,
  ScenarioType,
} from '@sua-sandbox/rules/model';
import type {
  ApplicationRepository,
  PermissionLink,
  PermissionLinkStatus,
  StoredApplication,
  StoredApplicationRevision,
  StoredApplicationTransition,
} from '../applications-types.js';
import { type Clock, type Db, fromJson, insertOrDuplicate, toJson } from './json.js';
import type {
  ApplicationPermissionsTable,
  ApplicationRevisionsTable,
  ApplicationsTable,
  ApplicationTransitionsTable,
} from './schema.js';

const LINK_STATUSES: readonly PermissionLinkStatus[] = ['pending', 'active', 'suspended', 'revoked', 'expired'];
const linkStatus = (s: string): PermissionLinkStatus => {
  const found = LINK_STATUSES.find((x) => x === s);
  if (!found) throw new Error(`unknown permission link status "${s}" in the store`);
  return found;
};

const applicationRow = (r: ApplicationsTable): StoredApplication => ({
  id: r.id,
  orgId: r.org_id,
  state: ApplicationState.parse(r.state),
  title: r.title,
  scenario: ScenarioType.parse(r.scenario),
  revision: r.revision,
  permissionId: r.permission_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const revisionRow = (r: ApplicationRevisionsTable): StoredApplicationRevision => ({
  applicationId: r.application_id,
  number: r.number,
  content: fromJson<ApplicationContent>(r.content),
  checks: fromJson<RevisionCheck[]>(r.checks),
  reports: fromJson<Report[]>(r.reports),
  rulebookId: r.rulebook_id,
  rulebookVersion: r.rulebook_version,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const transitionRow = (r: ApplicationTransitionsTable): StoredApplicationTransition => ({
  applicationId: r.application_id,
  seq: r.seq,
  action: ApplicationAction.parse(r.action),
  from: ApplicationState.parse(r.from_state),
  to: ApplicationState.parse(r.to_state),
  actor: r.actor,
  at: r.at,
  comment: r.comment,
  revision: r.revision,
  reportIds: fromJson<string[]>(r.report_ids),
  rulebook:
    r.rulebook_id !== null && r.rulebook_version !== null ? { id: r.rulebook_id, version: r.rulebook_version } : null,
  permission:
    r.permission_id !== null && r.permission_version !== null
      ? { id: r.permission_id, version: r.permission_version }
      : null,
});

const linkRow = (r: ApplicationPermissionsTable): PermissionLink => ({
  permissionId: r.permission_id,
  version: r.version,
  applicationId: r.application_id,
  status: linkStatus(r.status),
  permission: fromJson<Permission>(r.body),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function applicationsRepo(db: Db, now: Clock): ApplicationRepository {
  return {
    async create({ id, orgId, title, scenario, createdBy }) {
      const t = now();
      const row: ApplicationsTable = {
        id,
        org_id: orgId,
        state: 'draft',
        title,
        scenario,
        revision: 1,
        permission_id: null,
        created_by: createdBy,
        created_at: t,
        updated_at: t,
      };
      await insertOrDuplicate('application', id, () => db.insertInto('applications').values(row).execute());
      return applicationRow(row);
    },
    async get(id) {
      const r = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      return r && applicationRow(r);
    },
    async list(opts = {}) {
      let q = db.selectFrom('applications').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
      if (opts.orgId !== undefined) q = q.where('org_id', '=', opts.orgId);
      if (opts.state !== undefined) q = q.where('state', '=', opts.state);
      if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
      return (await q.execute()).map(applicationRow);
    },
    async currentChecks(applicationIds) {
      if (applicationIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('application_revisions as r')
        .innerJoin('applications as a', (j) =>
          j.onRef('a.id', '=', 'r.application_id').onRef('a.revision', '=', 'r.number'),
        )
        .select(['r.application_id', 'r.checks'])
        .where('r.application_id', 'in', [...applicationIds])
        .execute();
      return new Map(rows.map((r) => [r.application_id, fromJson<RevisionCheck[]>(r.checks)]));
    },
    async update(id, patch, expectState) {
      let q = db
        .updateTable('applications')
        .set({
          updated_at: now(),
          ...(patch.state !== undefined && { state: patch.state }),
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.scenario !== undefined && { scenario: patch.scenario }),
          ...(patch.revision !== undefined && { revision: patch.revision }),
          ...(patch.permissionId !== undefined && { permission_id: patch.permissionId }),
        })
        .where('id', '=', id);
      if (expectState !== undefined) q = q.where('state', '=', expectState);
      const r = await q.returningAll().executeTakeFirst();
      return r && applicationRow(r);
    },
    async addRevision(rec) {
      const row: ApplicationRevisionsTable = {
        application_id: rec.applicationId,
        number: rec.number,
        content: toJson(rec.content),
        checks: toJson(rec.checks),
        reports: toJson(rec.reports),
        rulebook_id: rec.rulebookId,
        rulebook_version: rec.rulebookVersion,
        created_by: rec.createdBy,
        created_at: now(),
      };
      await insertOrDuplicate('application revision', `${rec.applicationId}#${rec.number}`, () =>
        db.insertInto('application_revisions').values(row).execute(),
      );
      return revisionRow(row);
    },
    async revisions(applicationId) {
      const rows = await db
        .selectFrom('application_revisions')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('number')
        .execute();
      return rows.map(revisionRow);
    },
    async revision(applicationId, n) {
      const r = await db
        .selectFrom('application_revisions')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('number', '=', n)
        .executeTakeFirst();
      return r && revisionRow(r);
    },
    async addTransition(rec) {
      const last = await db
        .selectFrom('application_transitions')
        .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
        .where('application_id', '=', rec.applicationId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      const row: ApplicationTransitionsTable = {
        application_id: rec.applicationId,
        seq,
        action: rec.action,
        from_state: rec.from,
        to_state: rec.to,
        actor: rec.actor,
        at: rec.at,
        comment: rec.comment,
        revision: rec.revision,
        report_ids: toJson(rec.reportIds),
        rulebook_id: rec.rulebook?.id ?? null,
        rulebook_version: rec.rulebook?.version ?? null,
        permission_id: rec.permission?.id ?? null,
        permission_version: rec.permission?.version ?? null,
      };
      await insertOrDuplicate('application transition', `${rec.applicationId}#${seq}`, () =>
        db.insertInto('application_transitions').values(row).execute(),
      );
      return transitionRow(row);
    },
    async transitions(applicationId) {
      const rows = await db
        .selectFrom('application_transitions')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('seq')
        .execute();
      return rows.map(transitionRow);
    },
    async addPermissionVersion(rec) {
      const t = now();
      const row: ApplicationPermissionsTable = {
        permission_id: rec.permissionId,
        version: rec.version,
        application_id: rec.applicationId,
        status: rec.status,
        body: toJson(rec.permission),
        created_at: t,
        updated_at: t,
      };
      await insertOrDuplicate('permission version', `${rec.permissionId}@${rec.version}`, () =>
        db.insertInto('application_permissions').values(row).execute(),
      );
      return linkRow(row);
    },
    async permissionVersions(permissionId) {
      const rows = await db
        .selectFrom('application_permissions')
        .selectAll()
        .where('permission_id', '=', permissionId)
        .orderBy('version')
        .execute();
      return rows.map(linkRow);
    },
    async setPermissionStatus(permissionId, status) {
      const latest = await db
        .selectFrom('application_permissions')
        .select('version')
        .where('permission_id', '=', permissionId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!latest) return undefined;
      const r = await db
        .updateTable('application_permissions')
        .set({ status, updated_at: now() })
        .where('permission_id', '=', permissionId)
        .where('version', '=', latest.version)
        .returningAll()
        .executeTakeFirst();
      return r && linkRow(r);
    },
    async permissionStatuses() {
      // every version in order: the last one seen per permission is its latest
      const rows = await db
        .selectFrom('application_permissions')
        .select(['permission_id', 'status'])
        .orderBy('permission_id')
        .orderBy('version')
        .execute();
      return new Map(rows.map((r) => [r.permission_id, linkStatus(r.status)]));
    },
    async permissionHolders() {
      const rows = await db
        .selectFrom('application_permissions as p')
        .innerJoin('applications as a', 'a.id', 'p.application_id')
        .select(['p.permission_id', 'a.org_id'])
        .distinct()
        .execute();
      return new Map(rows.map((r) => [r.permission_id, r.org_id]));
    },
  };
}
