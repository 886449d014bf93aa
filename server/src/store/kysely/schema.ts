import type { Generated } from 'kysely';
import type { AuditHashedContent } from '../audit-hash.js';

/** Table shapes as Kysely sees them, the same in SQLite and PostgreSQL. JSON columns hold serialised text. */
export interface PlansTable {
  id: string;
  name: string | null;
  body: string;
  revision: number;
  created_at: string;
  updated_at: string;
  /** migration 0008: the owning organisation */
  owner_org: string | null;
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
  /** JobKind; 'impact' for rows older than migration 0009 */
  kind: Generated<string>;
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
  /** `user:<id>` for a job an operator may read (migration 0011); null: the regulator's */
  owner: Generated<string | null>;
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

export interface AuditTable extends AuditHashedContent {
  id: Generated<number>;
  /** the previous entry's hash (null for the first entry): the tamper-evident chain (services/audit-chain.ts) */
  prev_hash: string | null;
  hash: string | null;
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
  /** store-wide change counter, set on every write (migration 0010): what a node has not read yet */
  change_seq: number;
}

export interface VertiportSlotsTable {
  vertiport_id: string;
  slot_index: number;
  intent_id: string;
  movement: string;
  start_at: string;
  end_at: string;
  created_at: string;
  /** store-wide change counter, set when the slot is booked and when it is freed (migration 0012) */
  change_seq: number;
  /** when the slot was freed (its intent ended); null while held */
  freed_at: string | null;
}

/** Identity (issue 12, migration 0005-accounts): emails are stored lower-case, secrets only as hashes. */
export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  role: string;
  org_id: string | null;
  created_at: string;
  disabled: number;
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie value */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** JSON array of scopes */
  scopes: string;
  source_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Sandbox applications (issue 12, migration 0006-applications). JSON columns hold serialised text. */
export interface ApplicationsTable {
  id: string;
  org_id: string;
  state: string;
  title: string;
  scenario: string;
  revision: number;
  permission_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicationRevisionsTable {
  application_id: string;
  number: number;
  /** ApplicationContent, JSON (plans included) */
  content: string;
  /** RevisionCheck[], JSON */
  checks: string;
  /** Report[], JSON */
  reports: string;
  rulebook_id: string | null;
  rulebook_version: string | null;
  created_by: string;
  created_at: string;
}

export interface ApplicationTransitionsTable {
  application_id: string;
  seq: number;
  action: string;
  from_state: string;
  to_state: string;
  actor: string;
  at: string;
  comment: string;
  revision: number;
  /** string[], JSON */
  report_ids: string;
  rulebook_id: string | null;
  rulebook_version: string | null;
  permission_id: string | null;
  permission_version: number | null;
}

export interface ApplicationPermissionsTable {
  permission_id: string;
  version: number;
  application_id: string;
  status: string;
  /** the Permission as approved in this version, JSON */
  body: string;
  created_at: string;
  updated_at: string;
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
  organisations: OrganisationsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  applications: ApplicationsTable;
  application_revisions: ApplicationRevisionsTable;
  application_transitions: ApplicationTransitionsTable;
  application_permissions: ApplicationPermissionsTable;
}
