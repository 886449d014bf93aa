import type { Draft, FlightPlan, Permission, Report, Verdict, Zone } from '@sua-sandbox/rules/model';
import type { AccountRepository } from './account-types.js';
import type { ApplicationRepository } from './applications-types.js';
import type { AuditHashedContent } from './audit-hash.js';
import type { JobRepository } from './job-types.js';
import type { IntentRepository, VertiportSlotRepository } from './traffic-types.js';

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
  /** the organisation that owns it (its applicants see it); null: the regulator's or from before accounts */
  ownerOrg: string | null;
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

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown | null;
  after: unknown | null;
  /** the tamper-evident chain: the previous entry's hash and this entry's (null only before migration 0007) */
  prevHash: string | null;
  hash: string | null;
}
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'prevHash' | 'hash'>;

/** An audit row as stored (JSON columns as text): what the chain's hashes are computed over. */
export interface StoredAuditRow extends AuditHashedContent {
  id: number;
  prev_hash: string | null;
  hash: string | null;
}

export interface PlanRepository {
  /** `ownerOrg` set: only that organisation's plans */
  list(opts?: { limit?: number; offset?: number; ownerOrg?: string }): Promise<StoredPlan[]>;
  count(opts?: { ownerOrg?: string }): Promise<number>;
  get(id: string): Promise<StoredPlan | undefined>;
  /** the owning organisation; null when none; undefined when there is no such plan */
  ownerOf(id: string): Promise<string | null | undefined>;
  /** throws DuplicateKeyError when the id exists */
  create(rec: { id: string; name: string | null; plan: FlightPlan; ownerOrg?: string | null }): Promise<StoredPlan>;
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
  /** bumped by every create and delete (by any process): one indexed read tells whether a cache is stale */
  version(): Promise<number>;
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

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  list(opts?: { entityType?: string; entityId?: string; limit?: number }): Promise<AuditEntry[]>;
  /** every row in id order, as stored, in batches (for `sua-sandbox audit verify`) */
  chain(batch?: number): AsyncIterable<StoredAuditRow>;
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
  intents: IntentRepository;
  vertiportSlots: VertiportSlotRepository;
  accounts: AccountRepository;
  /** sandbox applications, their revisions, transitions and permission links (issue 12) */
  applications: ApplicationRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` atomically: a change and its audit entry are written together or not at all. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Where several processes share the store (PostgreSQL, a cluster's nodes): `fn` runs in one transaction holding
   * the store-wide lock on operational-intent changes and vertiport slot bookings, so they are decided one at a
   * time. Waits at most `waitMs` for a lock, then throws LockTimeoutError. Absent where one process owns the store
   * (SQLite: store/lock.ts).
   */
  intentsExclusive?<T>(waitMs: number, fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * As intentsExclusive, under the lock named `lock` (e.g. one user's uploads): decisions under one name are taken
   * one at a time across the processes sharing the store. Absent where one process owns the store.
   */
  exclusive?<T>(lock: string, waitMs: number, fn: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised when a lock a change needs was held elsewhere for longer than the caller would wait. */
export class LockTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly waitMs: number,
    cause?: unknown,
  ) {
    super(`${what}: a lock was held elsewhere for more than ${waitMs} ms`, { cause });
    this.name = 'LockTimeoutError';
  }
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

export type {
  AccountRepository,
  StoredApiToken,
  StoredOrganisation,
  StoredSession,
  StoredUser,
} from './account-types.js';
export type {
  ApplicationRepository,
  PermissionLink,
  PermissionLinkStatus,
  StoredApplication,
  StoredApplicationRevision,
  StoredApplicationTransition,
} from './applications-types.js';
export type {
  ImpactJobRecord,
  ImpactJobRequest,
  ImpactPlanRow,
  JobCheckpoint,
  JobInputItem,
  JobKind,
  JobRepository,
  JobResumeState,
  JobStatus,
  PlanImportRequest,
  ScenarioBatchRequest,
  ZoneImportRequest,
} from './job-types.js';
export type {
  IntentRepository,
  SlotChange,
  StoredIntent,
  StoredSlot,
  VertiportSlotRepository,
} from './traffic-types.js';
