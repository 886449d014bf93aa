import type { Draft, FlightPlan, Permission, Report, Verdict, Zone } from '@sua-sandbox/rules/model';
import type { IntentState, OperationalIntent } from '@sua-sandbox/rules/traffic';
import type { OrganisationKind, Role } from '../auth/principal.js';
import type { ApplicationRepository } from './applications-types.js';

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

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What a stored job runs: an impact run (default), or a batch of scenario runs (services/batch-runs). */
export type JobKind = 'impact' | 'scenario-batch' | 'zone-import' | 'plan-import';

/** What an impact job was asked: draft reference, base rulebook, corpus description. */
export interface ImpactJobRequest {
  draft: string;
  base: string;
  corpus: string;
}

/** What a scenario batch was asked: shipped scenario ids, rulebook reference (null: each scenario's), seed. */
export interface ScenarioBatchRequest {
  scenarios: string[];
  rulebook: string | null;
  seed: number | null;
}

/** What a large zone import was asked: the layer id it stores (fixed when the job is created). */
export interface ZoneImportRequest {
  layer: string;
  name: string | null;
  format: string;
  bytes: number;
}

/** What a large plan upload was asked (POST /api/plans, multipart): the file's name, format and size. */
export interface PlanImportRequest {
  fileName: string;
  format: string;
  name: string | null;
  bytes: number;
}

export interface ImpactJobRecord {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** what was asked (its shape follows `kind`) */
  request: ImpactJobRequest | ScenarioBatchRequest | ZoneImportRequest | PlanImportRequest;
  total: number;
  processed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** totals per rule and per verdict transition; present when done */
  summary: unknown | null;
  /** times the job was resumed from a checkpoint after the server stopped */
  resumes: number;
  /** evaluation time summed over every run of the job (kept out of `summary`, which is deterministic) */
  workMs: number;
}

/** One plan of a job's corpus, copied into the store when the job is created (so a resume reads the same). */
export interface JobInputItem {
  seq: number;
  key: string;
  name: string | null;
  plan: unknown;
}

/** Written in one transaction at the end of each batch: the batch's rows, the counter and the running totals. */
export interface JobCheckpoint {
  /** plans done so far (the next batch starts at this seq) */
  processed: number;
  rows: ImpactPlanRow[];
  /** the tally's state after the batch (opaque to the store) */
  tally: unknown;
  workMs: number;
}

/** What a resume needs besides the record: how the job was asked for and where it stopped. */
export interface JobResumeState {
  /** what the job was built from (draft reference and fingerprints); null for jobs older than checkpoints */
  input: unknown | null;
  tally: unknown | null;
  processed: number;
  workMs: number;
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
  /** the tamper-evident chain: the previous entry's hash and this entry's (null only before migration 0007) */
  prevHash: string | null;
  hash: string | null;
}
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'prevHash' | 'hash'>;

/** An audit row as stored (JSON columns as text): what the chain's hashes are computed over. */
export interface StoredAuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
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

export interface JobRepository {
  create(
    rec: Pick<ImpactJobRecord, 'id' | 'request' | 'total'> & { input?: unknown; kind?: JobKind; owner?: string },
  ): Promise<ImpactJobRecord>;
  get(id: string): Promise<ImpactJobRecord | undefined>;
  /** who a job belongs to (`user:<id>`; null: the regulator's, as every job before migration 0011); undefined: no job */
  ownerOf(id: string): Promise<string | null | undefined>;
  /** an owner's queued or running jobs of one kind (a per-principal cap) */
  countUnfinished(owner: string, kind: JobKind): Promise<number>;
  /** stores the corpus snapshot (call in the transaction that creates the job) */
  addInputs(id: string, items: readonly JobInputItem[]): Promise<void>;
  /** the corpus snapshot from `fromSeq` on, in seq order */
  inputs(id: string, fromSeq: number): Promise<JobInputItem[]>;
  resumeState(id: string): Promise<JobResumeState | undefined>;
  /** jobs a previous process left queued or running, oldest first (of one kind when given) */
  unfinished(kind?: JobKind): Promise<ImpactJobRecord[]>;
  markRunning(id: string): Promise<void>;
  /** counts a resume; the job is running again */
  markResumed(id: string): Promise<void>;
  progress(id: string, processed: number): Promise<void>;
  /** call inside a transaction: the rows and the counter are then written together */
  checkpoint(id: string, cp: JobCheckpoint): Promise<void>;
  /** done: `rows` are any not yet checkpointed; processed becomes the total */
  finish(id: string, summary: unknown, rows?: ImpactPlanRow[], workMs?: number): Promise<void>;
  /** `problem`: the ApiError (code, message, issues) the job failed with, kept as its summary */
  fail(id: string, error: string, problem?: unknown): Promise<void>;
  /** jobs left queued/running by a previous process: mark them failed */
  failInterrupted(reason: string): Promise<number>;
  results(id: string, opts?: { changedOnly?: boolean; limit?: number; offset?: number }): Promise<ImpactPlanRow[]>;
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

/** An operational intent as the DSS keeps it (issue 16): the F3548 reference and its volumes. */
export interface StoredIntent {
  id: string;
  intent: OperationalIntent;
  /** the stored plan it was built from, when it was */
  planId: string | null;
  /** the designated air route it claims, when it does */
  routeId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IntentRepository {
  get(id: string): Promise<StoredIntent | undefined>;
  /** insert or replace (same id): the reference's state, version and end time are indexed columns */
  put(rec: { intent: OperationalIntent; planId: string | null; routeId: string | null }): Promise<StoredIntent>;
  /** intents in none of `excludeStates` whose end is after `endingAfter` (ISO), in id order: the start-up load */
  list(opts?: { excludeStates?: IntentState[]; endingAfter?: string }): Promise<StoredIntent[]>;
  /** the intents written after change `after` (a `lastChange` value), in write order, and the last change read */
  changesSince(after: number): Promise<{ intents: StoredIntent[]; last: number }>;
  /** the store-wide change counter of the latest intent write (0 before any) */
  lastChange(): Promise<number>;
}

/** One movement holding a vertiport slot (slot k runs [k·len, (k+1)·len) from the epoch). */
export interface StoredSlot {
  vertiportId: string;
  index: number;
  intentId: string;
  movement: 'arrival' | 'departure';
  startAt: string;
  endAt: string;
  createdAt: string;
}

/** A slot as a change read by another node: booked (`freedAt` null) or freed since. */
export interface SlotChange extends StoredSlot {
  freedAt: string | null;
}

export interface VertiportSlotRepository {
  /** throws DuplicateKeyError when the intent already holds that movement in that slot */
  add(slot: Omit<StoredSlot, 'createdAt'>): Promise<StoredSlot>;
  /** every slot held, in (vertiport, index) order; `endingAfter` (ISO) drops past ones */
  list(opts?: { vertiportId?: string; endingAfter?: string }): Promise<StoredSlot[]>;
  /** frees the slots an intent holds; returns how many */
  releaseIntent(intentId: string): Promise<number>;
  /** the slots booked or freed after change `after` (a `lastChange` value), in write order, and the last change read */
  changesSince(after: number): Promise<{ slots: SlotChange[]; last: number }>;
  /** the store-wide change counter of the latest slot booked or freed (0 before any) */
  lastChange(): Promise<number>;
}

/** Identity (issue 12). Emails are compared lower-case; secrets arrive here already hashed. */
export interface StoredOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: string;
}

export interface StoredUser {
  id: string;
  email: string;
  /** argon2id PHC string; null until a password is set */
  passwordHash: string | null;
  role: Role;
  orgId: string | null;
  createdAt: string;
  disabled: boolean;
}

export interface StoredSession {
  /** SHA-256 of the cookie value, never the value itself */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface StoredApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  scopes: string[];
  sourceId: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AccountRepository {
  /** throws DuplicateKeyError when the name is taken */
  createOrganisation(rec: Omit<StoredOrganisation, 'createdAt'>): Promise<StoredOrganisation>;
  getOrganisation(id: string): Promise<StoredOrganisation | undefined>;
  findOrganisationByName(name: string): Promise<StoredOrganisation | undefined>;
  listOrganisations(): Promise<StoredOrganisation[]>;
  /** throws DuplicateKeyError when the email (in any case) is taken */
  createUser(rec: Omit<StoredUser, 'createdAt' | 'disabled'>): Promise<StoredUser>;
  getUser(id: string): Promise<StoredUser | undefined>;
  /** case-insensitive */
  findUserByEmail(email: string): Promise<StoredUser | undefined>;
  listUsers(): Promise<StoredUser[]>;
  /** users with any of these roles, enabled ones only */
  countUsersWithRole(roles: readonly StoredUser['role'][]): Promise<number>;
  setUserDisabled(id: string, disabled: boolean): Promise<boolean>;
  setPasswordHash(id: string, hash: string): Promise<boolean>;
  createSession(rec: Omit<StoredSession, 'revokedAt'>): Promise<StoredSession>;
  getSession(id: string): Promise<StoredSession | undefined>;
  /** moves the expiry (sliding sessions); only a live session */
  extendSession(id: string, expiresAt: string): Promise<void>;
  /** false when unknown or already revoked */
  revokeSession(id: string, at: string): Promise<boolean>;
  /** every live session of a user (disable, password change); returns how many */
  revokeUserSessions(userId: string, at: string): Promise<number>;
  /** throws DuplicateKeyError on a repeated id or hash */
  createApiToken(rec: Omit<StoredApiToken, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<StoredApiToken>;
  findApiTokenByHash(tokenHash: string): Promise<StoredApiToken | undefined>;
  listApiTokens(userId: string): Promise<StoredApiToken[]>;
  /** only the owner's token; false when unknown, not theirs or already revoked */
  revokeApiToken(id: string, userId: string, at: string): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;
  addSetupToken(rec: { tokenHash: string; expiresAt: string }): Promise<void>;
  /** one-time: true once for a known, unused token that has not expired at `at` */
  consumeSetupToken(tokenHash: string, at: string): Promise<boolean>;
  /** drops unused setup tokens (a new start issues a fresh one) */
  clearSetupTokens(): Promise<void>;
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
  ApplicationRepository,
  PermissionLink,
  PermissionLinkStatus,
  StoredApplication,
  StoredApplicationRevision,
  StoredApplicationTransition,
} from './applications-types.js';
