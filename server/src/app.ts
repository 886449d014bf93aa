import http from 'node:http';
import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import type { Draft, Permission, Rulebook } from '@sua-sandbox/rules/model';
import type { Scenario } from '@sua-sandbox/rules/sim';
import express from 'express';
import type { Logger } from 'pino';
import { mountHttp } from './app-http.js';
import { sees } from './auth/access-policy.js';
import { storeOwners } from './auth/route-guard.js';
import { type AuthOptions, AuthService } from './auth/service.js';
import { type Budgets, budgetsWith } from './budgets.js';
import { loadRouteNetwork, loadTrafficParams } from './data/traffic.js';
import { TRUST_NO_PROXY, type TrustProxy } from './http/client-address.js';
import { sameOrigin } from './http/security.js';
import type { JobQueueFactory } from './jobs-queue/index.js';
import { type RealtimeDeps, registerRealtime } from './realtime/index.js';
import { authenticateSockets } from './realtime/principal.js';
import { AirspaceService, type Catalogue } from './services/airspace.js';
import { ApplicationService } from './services/applications.js';
import { relayChanges, sweepExpiredPermissions } from './services/change-relay.js';
import { CheckService } from './services/checks.js';
import { DraftService } from './services/drafts.js';
import type { CorpusItem } from './services/impact/run.js';
import type { Services } from './services/index.js';
import { DEFAULT_MAX_INTENT_VOLUMES, IntentService, type TrafficData } from './services/intents.js';
import { startJobServices } from './services/job-services.js';
import { PermissionService } from './services/permissions.js';
import { PlanImportService } from './services/plan-import.js';
import { PlanService } from './services/plans.js';
import { RulebookService } from './services/rulebooks.js';
import { VertiportService } from './services/vertiports.js';
import { ZoneService } from './services/zones.js';
import { registerApplicationSockets, socketApplicationEvents } from './sockets/applications.js';
import { liveIntents } from './sockets/intents.js';
import { registerJobSockets, socketJobEvents } from './sockets/jobs.js';
import { createLiveServer, type LiveServer } from './sockets/types.js';
import type { Store } from './store/types.js';
import { createInProcessPool, type WorkPool } from './workers/pool.js';

/** Body limits (documented in the OpenAPI description and README): 413 past them. */
export const DEFAULT_LIMITS = { jsonBytes: 5 * 1_048_576, fileBytes: 10 * 1_048_576 };

export interface AppDeps {
  /** the caller opens it and closes it after app.close() */
  store: Store;
  logger: Logger;
  catalogue: Catalogue;
  rulebooks: Rulebook[];
  /** built-in drafts (read-only) */
  drafts?: Draft[];
  /** built-in permissions, copied into the store on first start */
  permissions?: Permission[];
  scenarios?: () => Scenario[] | Promise<Scenario[]>;
  /** the "examples" impact corpus */
  examplePlans?: () => CorpusItem[];
  elevation?: ElevationModel;
  /** built client to serve (with SPA fallback) when it exists */
  clientDir?: string;
  limits?: Partial<typeof DEFAULT_LIMITS>;
  /** server budgets (budgets.ts); unset ones take their defaults */
  budgets?: Partial<Budgets>;
  /** heavy work (imports, checks) runs here; the caller closes it after app.close(). Default: in-process */
  pool?: WorkPool;
  /** traffic management (issue 16): params and routes (default: rules/data/traffic), limits, clock */
  traffic?: Partial<TrafficData> & { maxVolumesPerIntent?: number; now?: () => number };
  /** other origins allowed to write and open sockets; source maps served (http/security.ts) */
  security?: { allowedOrigins?: string[]; serveSourceMaps?: boolean; trustProxy?: TrustProxy };
  /** live simulation over socket.io; off: no sessions, no telemetry (tests of the REST API) */
  realtime?: { enabled: boolean; options?: Partial<RealtimeDeps> };
  /** identity (issue 12): session lifetime, Secure cookies, sign-in limits, clock (auth/service.ts) */
  auth?: AuthOptions;
  /** a cluster node's readiness for `GET /api/ready` (cluster/ready.ts); absent: one process */
  readiness?: Services['readiness'];
  /** how often approved permissions whose validity has ended are expired (default a minute; 0: never) */
  expirySweepMs?: number;
  /** REDIS_URL: impact jobs go to this queue, run by `sua-sandbox worker` processes (jobs-queue/); unset: in-process */
  jobQueue?: JobQueueFactory;
}

export interface App {
  http: http.Server;
  io: LiveServer;
  services: Services;
  close(): Promise<void>;
}

/**
 * Builds the HTTP server, socket.io and every service; never listens (the caller does, e.g. on port 0).
 * Async because it reads the store once (layers, permission seeding, interrupted jobs).
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, logger } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const budgets = budgetsWith(deps.budgets);
  const work = { pool: deps.pool ?? createInProcessPool(budgets), budgets };
  const app = express();
  // behind a balancer, req.ip (per-address limits, the anonymous principal) is the forwarded client's
  const trustProxy = deps.security?.trustProxy ?? TRUST_NO_PROXY;
  app.set('trust proxy', trustProxy);
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const allowedOrigins = deps.security?.allowedOrigins ?? [];
  const io = createLiveServer(server, {
    serveClient: false,
    maxHttpBufferSize: 1_048_576,
    // a page from another site may not open a socket (and so drive sessions) on a visitor's behalf
    allowRequest: (req, callback) => callback(null, sameOrigin(req, allowedOrigins)),
  });

  const rulebooks = new RulebookService(deps.rulebooks, deps.drafts ?? [], store);
  const airspace = new AirspaceService(deps.catalogue, store, deps.elevation);
  await airspace.init();
  const permissions = new PermissionService(store);
  await permissions.seed(deps.permissions ?? []);
  const scenarios = async () => (deps.scenarios ? await deps.scenarios() : []);
  const examples = deps.examplePlans ?? (() => []);
  // one job queue (REDIS_URL) for every kind of job: impact runs and scenario batches
  const jobQueue = await deps.jobQueue?.({ io, store, logger });
  const jobs = await startJobServices({
    store,
    logger,
    rulebooks,
    airspace,
    permissions,
    scenarios,
    examples,
    traffic: deps.traffic,
    work,
    events: socketJobEvents(io),
    queue: jobQueue,
  });
  const { impact, batchRuns, zoneImports, planImports } = jobs;
  const trafficNow = deps.traffic?.now ?? Date.now;
  const intents = new IntentService(store, {
    traffic: {
      params: deps.traffic?.params ?? loadTrafficParams(),
      network: deps.traffic?.network ?? loadRouteNetwork(),
    },
    maxWaypoints: budgets.waypoints,
    maxVolumes: deps.traffic?.maxVolumesPerIntent ?? DEFAULT_MAX_INTENT_VOLUMES,
    now: trafficNow,
  });
  const vertiports = new VertiportService(store, intents, trafficNow);
  // the live intents and slots back into memory (the deconfliction index is rebuilt from the store)
  await intents.init();
  await vertiports.init();
  const services: Services = {
    readiness: deps.readiness,
    store,
    plans: new PlanService(store),
    checks: new CheckService(store, rulebooks, airspace, permissions, work),
    rulebooks,
    drafts: new DraftService(store, rulebooks),
    airspace,
    zones: new ZoneService(store, airspace, work.pool),
    permissions,
    impact,
    batchRuns,
    zoneImports,
    planImports,
    scenarios,
    examples,
    startedAt: Date.now(),
    imports: new PlanImportService(work.pool, budgets, deps.elevation?.id ?? 'sea-level'),
    work,
    intents,
    vertiports,
  };

  const auth = new AuthService(store, { ...deps.auth, trustProxy });
  const realtime =
    deps.realtime?.enabled === false
      ? undefined
      : registerRealtime(io, {
          rulebooks: () => rulebooks.list(),
          // the server's own session reads as the server; a client's as its principal (the access policy)
          drafts: {
            get: async (id, reader) =>
              (await (reader ? rulebooks.findDraftFor(id, reader) : rulebooks.findDraft(id)))?.draft,
          },
          plans: {
            get: async (id, reader) => {
              const rec = await store.plans.get(id);
              return rec && (!reader || sees(reader, rec.ownerOrg)) ? rec.plan : undefined;
            },
          },
          airspace: airspace.liveIndex(),
          // every permission, and which do not cover now (an application's, suspended or revoked)
          permissions: async () => (await permissions.live()).known,
          withdrawnPermissions: async () => (await permissions.live()).withdrawn,
          permissionHolders: async () => (await permissions.live()).holders,
          scenarios,
          logger,
          // sockets authenticate at the handshake with the same cookie or token as HTTP
          resolvePrincipal: (req) => auth.resolveHandshake(req),
          // telemetry aircraft flying operational intents: conformance, contingency told to the operators affected
          intents: liveIntents(intents, store.accounts, io),
          ...deps.realtime?.options,
        });
  if (realtime) services.telemetry = (payload, source, declarer) => realtime.telemetry(payload, source, declarer);
  // without the live layer, job and application sockets still authenticate their handshake
  else io.use(authenticateSockets((req) => auth.resolveHandshake(req)));
  const permissionsChanged = relayChanges({
    io,
    clustered: Boolean(deps.realtime?.options?.cluster),
    intents,
    permissions,
    sessions: realtime?.sessions,
    logger,
  });
  // sandbox applications (issue 12): transitions reach both sides over socket.io
  const applications = new ApplicationService({
    store,
    checks: services.checks,
    permissions,
    events: socketApplicationEvents(io),
    onPermissionsChanged: permissionsChanged,
  });
  registerJobSockets(io, impact, storeOwners(store));
  registerApplicationSockets(io);
  const expiryTimer = sweepExpiredPermissions(applications, deps.expirySweepMs ?? 60_000, logger);

  mountHttp(app, {
    services,
    auth,
    applications,
    logger,
    limits,
    allowedOrigins,
    clientDir: deps.clientDir,
    serveSourceMaps: deps.security?.serveSourceMaps ?? false,
  });

  let closed = false;
  return {
    http: server,
    io,
    services,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(expiryTimer);
      await jobs.close();
      await realtime?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
