import type { Draft, FlightPlan, Permission, Report, Verdict, Zone } from '../../../rules/src/model/index.js';

/**
 * Repository interfaces: the services depend on these only. The SQLite implementation lives in
 * `store/sqlite/`; a PostgreSQL one can implement the same interfaces without touching the services.
 * All timestamps are ISO-8601 UTC strings; every method is async so a networked database fits.
 */

export interface StoredPlan {
  id: string;
  name: string | null;
  plan: FlightPlan;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredReport {
  id: string;
  /** null for ad-hoc checks (POST /api/check) that were not about a stored plan */
  planId: string | null;
  rulebookId: string;
  rulebookVersion: string;
  verdict: Verdict;
  report: Report;
  createdAt: string;
}

export interface StoredDraft {
  id: string;
  draft: Draft;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ZoneLayer {
  id: string;
  name: string;
  /** the format the layer was imported from */
  format: string;
  zones: Zone[];
  warnings: string[];
  createdAt: string;
}

export type PermissionSource = 'builtin' | 'user';

export interface StoredPermission {
  id: string;
  permission: Permission;
  source: PermissionSource;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImpactJobRecord {
  id: string;
  status: JobStatus;
  /** what was asked: draft reference, base rulebook, corpus description */
  request: { draft: string; base: string; corpus: string };
  total: number;
  processed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** totals per rule and per verdict transition; present when done */
  summary: unknown | null;
}

export interface ImpactPlanRow {
  seq: number;
  planKey: string;
  name: string | null;
  before: Verdict | 'invalid';
  after: Verdict | 'invalid';
  changed: boolean;
  /** full per-plan detail (findings added/removed by rule id) */
  detail: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown | null;
  after: unknown | null;
}
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface PlanRepository {
  list(opts?: { limit?: number; offset?: number }): Promise<StoredPlan[]>;
  count(): Promise<number>;
  get(id: string): Promise<StoredPlan | undefined>;
  /** throws DuplicateKeyError when the id exists */
  create(rec: { id: string; name: string | null; plan: FlightPlan }): Promise<StoredPlan>;
  update(id: string, rec: { name: string | null; plan: FlightPlan }): Promise<StoredPlan | undefined>;
  delete(id: string): Promise<boolean>;
}

export interface ReportRepository {
  add(rec: Omit<StoredReport, 'createdAt'>): Promise<StoredReport>;
  listForPlan(planId: string): Promise<StoredReport[]>;
  get(id: string): Promise<StoredReport | undefined>;
}

export interface DraftRepository {
  list(): Promise<StoredDraft[]>;
  get(id: string): Promise<StoredDraft | undefined>;
  create(draft: Draft): Promise<StoredDraft>;
  update(id: string, draft: Draft): Promise<StoredDraft | undefined>;
  delete(id: string): Promise<boolean>;
}

export interface ZoneLayerRepository {
  list(): Promise<ZoneLayer[]>;
  get(id: string): Promise<ZoneLayer | undefined>;
  create(layer: Omit<ZoneLayer, 'createdAt'>): Promise<ZoneLayer>;
  delete(id: string): Promise<boolean>;
}

export interface PermissionRepository {
  list(opts?: { kind?: Permission['kind'] }): Promise<StoredPermission[]>;
  get(id: string): Promise<StoredPermission | undefined>;
  create(permission: Permission, source: PermissionSource): Promise<StoredPermission>;
  update(id: string, permission: Permission): Promise<StoredPermission | undefined>;
}

export interface JobRepository {
  create(rec: Pick<ImpactJobRecord, 'id' | 'request' | 'total'>): Promise<ImpactJobRecord>;
  get(id: string): Promise<ImpactJobRecord | undefined>;
  markRunning(id: string): Promise<void>;
  progress(id: string, processed: number): Promise<void>;
  finish(id: string, summary: unknown, rows: ImpactPlanRow[]): Promise<void>;
  fail(id: string, error: string): Promise<void>;
  /** jobs left queued/running by a previous process: mark them failed */
  failInterrupted(reason: string): Promise<number>;
  results(id: string, opts?: { changedOnly?: boolean; limit?: number; offset?: number }): Promise<ImpactPlanRow[]>;
}

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  list(opts?: { entityType?: string; entityId?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** Key-value flags the store keeps for itself (e.g. "permissions seeded"). */
export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface Repositories {
  plans: PlanRepository;
  reports: ReportRepository;
  drafts: DraftRepository;
  zoneLayers: ZoneLayerRepository;
  permissions: PermissionRepository;
  jobs: JobRepository;
  audit: AuditRepository;
  meta: MetaRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` atomically: a change and its audit entry are written together or not at all. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised by repositories when a create would overwrite an existing id. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} "${key}" already exists`);
    this.name = 'DuplicateKeyError';
  }
}
