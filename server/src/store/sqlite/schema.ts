import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. JSON columns hold serialised text. */
export interface PlansTable {
  id: string;
  name: string | null;
  body: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  plan_id: string | null;
  rulebook_id: string;
  rulebook_version: string;
  verdict: string;
  body: string;
  created_at: string;
}

export interface DraftsTable {
  id: string;
  base: string;
  title: string;
  body: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ZoneLayersTable {
  id: string;
  name: string;
  format: string;
  zone_count: number;
  body: string;
  warnings: string;
  created_at: string;
}

export interface PermissionsTable {
  id: string;
  kind: string;
  source: string;
  body: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ImpactJobsTable {
  id: string;
  status: string;
  request: string;
  total: number;
  processed: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  summary: string | null;
}

export interface ImpactResultsTable {
  job_id: string;
  seq: number;
  plan_key: string;
  name: string | null;
  before: string;
  after: string;
  changed: number;
  detail: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  plans: PlansTable;
  reports: ReportsTable;
  drafts: DraftsTable;
  zone_layers: ZoneLayersTable;
  permissions: PermissionsTable;
  impact_jobs: ImpactJobsTable;
  impact_results: ImpactResultsTable;
  audit: AuditTable;
  meta: MetaTable;
}
