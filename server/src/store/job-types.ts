import type { Verdict } from '@sua-sandbox/rules/model';

/** Stored jobs (impact runs, scenario batches, large imports): their records, progress and repository. */

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
