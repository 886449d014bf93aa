import type { Draft, FlightPlan, Permission, Report, Verdict, Zone } from '@sua-sandbox/rules/model';
import type { IntentState, OperationalIntent } from '@sua-sandbox/rules/traffic';

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
  create(rec: Pick<ImpactJobRecord, 'id' | 'request' | 'total'> & { input?: unknown }): Promise<ImpactJobRecord>;
  get(id: string): Promise<ImpactJobRecord | undefined>;
  /** stores the corpus snapshot (call in the transaction that creates the job) */
  addInputs(id: string, items: readonly JobInputItem[]): Promise<void>;
  /** the corpus snapshot from `fromSeq` on, in seq order */
  inputs(id: string, fromSeq: number): Promise<JobInputItem[]>;
  resumeState(id: string): Promise<JobResumeState | undefined>;
  /** jobs a previous process left queued or running, oldest first */
  unfinished(): Promise<ImpactJobRecord[]>;
  markRunning(id: string): Promise<void>;
  /** counts a resume; the job is running again */
  markResumed(id: string): Promise<void>;
  progress(id: string, processed: number): Promise<void>;
  /** call inside a transaction: the rows and the counter are then written together */
  checkpoint(id: string, cp: JobCheckpoint): Promise<void>;
  /** done: `rows` are any not yet checkpointed; processed becomes the total */
  finish(id: string, summary: unknown, rows?: ImpactPlanRow[], workMs?: number): Promise<void>;
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

export interface VertiportSlotRepository {
  /** throws DuplicateKeyError when the intent already holds that movement in that slot */
  add(slot: Omit<StoredSlot, 'createdAt'>): Promise<StoredSlot>;
  /** every slot held, in (vertiport, index) order; `endingAfter` (ISO) drops past ones */
  list(opts?: { vertiportId?: string; endingAfter?: string }): Promise<StoredSlot[]>;
  /** frees the slots an intent holds; returns how many */
  releaseIntent(intentId: string): Promise<number>;
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
