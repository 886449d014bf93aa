import type { Draft, FlightPlan, Permission, Report, Verdict, Zone } from '@sua-sandbox/rules/model';
import type {
  DraftRepository,
  PermissionRepository,
  PermissionSource,
  PlanRepository,
  ReportRepository,
  StoredDraft,
  StoredPermission,
  StoredPlan,
  StoredReport,
  ZoneLayer,
  ZoneLayerRepository,
} from '../types.js';
import { type Clock, type Db, fromJson, insertOrDuplicate, toJson } from './json.js';
import type { DraftsTable, PermissionsTable, PlansTable, ReportsTable, ZoneLayersTable } from './schema.js';

const planRow = (r: PlansTable): StoredPlan => ({
  id: r.id,
  name: r.name,
  plan: fromJson<FlightPlan>(r.body),
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ownerOrg: r.owner_org,
});

export function plansRepo(db: Db, now: Clock): PlanRepository {
  return {
    async list(opts = {}) {
      let q = db.selectFrom('plans').selectAll().orderBy('created_at').orderBy('id');
      if (opts.ownerOrg !== undefined) q = q.where('owner_org', '=', opts.ownerOrg);
      if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
      return (await q.execute()).map(planRow);
    },
    async count(opts = {}) {
      let q = db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n'));
      if (opts.ownerOrg !== undefined) q = q.where('owner_org', '=', opts.ownerOrg);
      const r = await q.executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async get(id) {
      const r = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return r && planRow(r);
    },
    async ownerOf(id) {
      const r = await db.selectFrom('plans').select('owner_org').where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : r.owner_org;
    },
    async create({ id, name, plan, ownerOrg = null }) {
      const t = now();
      const row: PlansTable = {
        id,
        name,
        body: toJson(plan),
        revision: 1,
        created_at: t,
        updated_at: t,
        owner_org: ownerOrg,
      };
      await insertOrDuplicate('plan', id, () => db.insertInto('plans').values(row).execute());
      return planRow(row);
    },
    async update(id, { name, plan }) {
      const r = await db
        .updateTable('plans')
        .set((eb) => ({ name, body: toJson(plan), updated_at: now(), revision: eb('revision', '+', 1) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return r && planRow(r);
    },
    async delete(id) {
      const r = await db.deleteFrom('plans').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

const reportRow = (r: ReportsTable): StoredReport => ({
  id: r.id,
  planId: r.plan_id,
  rulebookId: r.rulebook_id,
  rulebookVersion: r.rulebook_version,
  verdict: r.verdict as Verdict,
  report: fromJson<Report>(r.body),
  createdAt: r.created_at,
});

export function reportsRepo(db: Db, now: Clock): ReportRepository {
  return {
    async add(rec) {
      const row: ReportsTable = {
        id: rec.id,
        plan_id: rec.planId,
        rulebook_id: rec.rulebookId,
        rulebook_version: rec.rulebookVersion,
        verdict: rec.verdict,
        body: toJson(rec.report),
        created_at: now(),
      };
      await insertOrDuplicate('report', rec.id, () => db.insertInto('reports').values(row).execute());
      return reportRow(row);
    },
    async listForPlan(planId) {
      const rows = await db
        .selectFrom('reports')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(reportRow);
    },
    async get(id) {
      const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      return r && reportRow(r);
    },
  };
}

const draftRow = (r: DraftsTable): StoredDraft => ({
  id: r.id,
  draft: fromJson<Draft>(r.body),
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function draftsRepo(db: Db, now: Clock): DraftRepository {
  return {
    async list() {
      return (await db.selectFrom('drafts').selectAll().orderBy('id').execute()).map(draftRow);
    },
    async get(id) {
      const r = await db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
      return r && draftRow(r);
    },
    async create(draft) {
      const t = now();
      const row: DraftsTable = {
        id: draft.id,
        base: draft.base,
        title: draft.title,
        body: toJson(draft),
        revision: 1,
        created_at: t,
        updated_at: t,
      };
      await insertOrDuplicate('draft', draft.id, () => db.insertInto('drafts').values(row).execute());
      return draftRow(row);
    },
    async update(id, draft) {
      const r = await db
        .updateTable('drafts')
        .set((eb) => ({
          base: draft.base,
          title: draft.title,
          body: toJson(draft),
          updated_at: now(),
          revision: eb('revision', '+', 1),
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return r && draftRow(r);
    },
    async delete(id) {
      const r = await db.deleteFrom('drafts').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

const layerRow = (r: ZoneLayersTable): ZoneLayer => ({
  id: r.id,
  name: r.name,
  format: r.format,
  zones: fromJson<Zone[]>(r.body),
  warnings: fromJson<string[]>(r.warnings),
  createdAt: r.created_at,
});

export function zoneLayersRepo(db: Db, now: Clock): ZoneLayerRepository {
  return {
    async list() {
      return (await db.selectFrom('zone_layers').selectAll().orderBy('created_at').orderBy('id').execute()).map(
        layerRow,
      );
    },
    async version() {
      const r = await db.selectFrom('meta').select('value').where('key', '=', 'zone-layers-version').executeTakeFirst();
      return r ? Number(r.value) : 0;
    },
    async get(id) {
      const r = await db.selectFrom('zone_layers').selectAll().where('id', '=', id).executeTakeFirst();
      return r && layerRow(r);
    },
    async create(layer) {
      const row: ZoneLayersTable = {
        id: layer.id,
        name: layer.name,
        format: layer.format,
        zone_count: layer.zones.length,
        body: toJson(layer.zones),
        warnings: toJson(layer.warnings),
        created_at: now(),
      };
      await insertOrDuplicate('zone layer', layer.id, () => db.insertInto('zone_layers').values(row).execute());
      return layerRow(row);
    },
    async delete(id) {
      const r = await db.deleteFrom('zone_layers').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

const permissionRow = (r: PermissionsTable): StoredPermission => ({
  id: r.id,
  permission: fromJson<Permission>(r.body),
  source: r.source as PermissionSource,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function permissionsRepo(db: Db, now: Clock): PermissionRepository {
  return {
    async list(opts = {}) {
      let q = db.selectFrom('permissions').selectAll().orderBy('id');
      if (opts.kind) q = q.where('kind', '=', opts.kind);
      return (await q.execute()).map(permissionRow);
    },
    async get(id) {
      const r = await db.selectFrom('permissions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && permissionRow(r);
    },
    async create(permission, source) {
      const t = now();
      const row: PermissionsTable = {
        id: permission.id,
        kind: permission.kind,
        source,
        body: toJson(permission),
        revision: 1,
        created_at: t,
        updated_at: t,
      };
      await insertOrDuplicate('permission', permission.id, () => db.insertInto('permissions').values(row).execute());
      return permissionRow(row);
    },
    async update(id, permission) {
      const r = await db
        .updateTable('permissions')
        .set((eb) => ({
          kind: permission.kind,
          body: toJson(permission),
          updated_at: now(),
          revision: eb('revision', '+', 1),
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return r && permissionRow(r);
    },
  };
}
