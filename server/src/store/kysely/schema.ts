import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them, the same in SQLite and PostgreSQL. JSON columns hold serialised text. */
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
  input: string | null;
  tally: string | null;
  work_ms: Generated<number>;
  resumes: Generated<number>;
}

export interface ImpactInputsTable {
  job_id: string;
  seq: number;
  plan_key: string;
  name: string | null;
  body: string;
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

export interface OperationalIntentsTable {
  id: string;
  manager: string;
  operator: string;
  state: string;
  version: number;
  time_start: string;
  time_end: string;
  plan_id: string | null;
  route_id: string | null;
  /** OperationalIntentReference, JSON */
  reference: string;
  /** the intent's details (volumes, priority), JSON */
  details: string;
  created_at: string;
  updated_at: string;
}

export interface VertiportSlotsTable {
  vertiport_id: string;
  slot_index: number;
  intent_id: string;
  movement: string;
  start_at: string;
  end_at: string;
  created_at: string;
}

export interface Database {
  plans: PlansTable;
  reports: ReportsTable;
  drafts: DraftsTable;
  zone_layers: ZoneLayersTable;
  permissions: PermissionsTable;
  impact_jobs: ImpactJobsTable;
  impact_results: ImpactResultsTable;
  impact_inputs: ImpactInputsTable;
  audit: AuditTable;
  meta: MetaTable;
  operational_intents: OperationalIntentsTable;
  vertiport_slots: VertiportSlotsTable;
}
