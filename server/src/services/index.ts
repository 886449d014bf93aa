import type { Scenario } from '@sua-sandbox/rules/sim';
import type { Principal } from '../auth/principal.js';
import type { Store } from '../store/types.js';
import type { AirspaceService } from './airspace.js';
import type { ScenarioBatchService } from './batch-runs/service.js';
import type { CheckService, WorkDeps } from './checks.js';
import type { DraftService } from './drafts.js';
import type { ImpactJobService } from './impact/jobs.js';
import type { CorpusItem } from './impact/run.js';
import type { IntentService } from './intents.js';
import type { PermissionService } from './permissions.js';
import type { PlanImportService } from './plan-import.js';
import type { PlanImportJobService } from './plan-import-jobs.js';
import type { PlanService } from './plans.js';
import type { RulebookService } from './rulebooks.js';
import type { VertiportService } from './vertiports.js';
import type { ZoneImportJobService } from './zone-import-jobs.js';
import type { ZoneService } from './zones.js';

/** Everything the route files call; built once in createApp. */
export interface Services {
  store: Store;
  plans: PlanService;
  checks: CheckService;
  rulebooks: RulebookService;
  drafts: DraftService;
  airspace: AirspaceService;
  zones: ZoneService;
  permissions: PermissionService;
  impact: ImpactJobService;
  /** batch scenario runs (jobs of kind 'scenario-batch') */
  batchRuns: ScenarioBatchService;
  /** large zone imports (jobs of kind 'zone-import') */
  zoneImports: ZoneImportJobService;
  /** large plan uploads (jobs of kind 'plan-import', their uploader's) */
  planImports: PlanImportJobService;
  /** scenario files (sim helper's loader); empty when none */
  scenarios: () => Promise<readonly Scenario[]>;
  /** the example plans (scenarios/plans), also the "examples" impact corpus; empty when none */
  examples: () => readonly CorpusItem[];
  /** a cluster node's readiness (Redis, its sessions); absent: one process, ready whenever it answers */
  readiness?: () => Promise<{ redis: 'ok' | 'unreachable'; node: string; sessions: string[] }>;
  /** feeds telemetry (one sample or an array) to the live simulation; absent when realtime is off */
  telemetry?: (payload: unknown, source: string, declarer: Principal) => Promise<unknown>;
  startedAt: number;
  /** plan uploads, imported in the worker pool within the budgets */
  imports: PlanImportService;
  /** the worker pool and the server's budgets (budgets.ts), for any heavy work */
  work: WorkDeps;
  /** operational intents and strategic deconfliction (issue 16) */
  intents: IntentService;
  /** vertiport slots (issue 16) */
  vertiports: VertiportService;
}
