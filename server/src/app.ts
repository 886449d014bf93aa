import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { ElevationModel } from '../../rules/src/airspace/types.js';
import type { Draft, Permission, Rulebook } from '../../rules/src/model/index.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { errorMiddleware, notFound } from './errors.js';
import { checkRoutes } from './http/check.routes.js';
import { docsRoutes } from './http/docs.routes.js';
import { draftRoutes } from './http/drafts.routes.js';
import { exampleRoutes } from './http/examples.routes.js';
import { impactRoutes } from './http/impact.routes.js';
import { requestContext } from './http/middleware.js';
import { miscRoutes } from './http/misc.routes.js';
import { permissionRoutes } from './http/permissions.routes.js';
import { planRoutes } from './http/plans.routes.js';
import type { MountableRoute } from './http/route.js';
import { rulebookRoutes } from './http/rulebooks.routes.js';
import { telemetryRoutes } from './http/telemetry.routes.js';
import { zoneRoutes } from './http/zones.routes.js';
import { type RealtimeDeps, registerRealtime } from './realtime/index.js';
import { AirspaceService, type Catalogue } from './services/airspace.js';
import { CheckService } from './services/checks.js';
import { DraftService } from './services/drafts.js';
import { ImpactJobService } from './services/impact/jobs.js';
import type { CorpusItem } from './services/impact/run.js';
import type { Services } from './services/index.js';
import { PermissionService } from './services/permissions.js';
import { PlanService } from './services/plans.js';
import { RulebookService } from './services/rulebooks.js';
import { ZoneService } from './services/zones.js';
import { registerJobSockets, socketJobEvents } from './sockets/jobs.js';
import type { Store } from './store/types.js';

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
  /** live simulation over socket.io; off: no sessions, no telemetry (tests of the REST API) */
  realtime?: { enabled: boolean; options?: Partial<RealtimeDeps> };
}

export interface App {
  http: http.Server;
  io: Server;
  services: Services;
  close(): Promise<void>;
}

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

function serveClient(app: express.Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  // SPA fallback: any other GET outside /api and /socket.io gets the app shell.
  app.get(['/', '/*splat'], (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) return next();
    res.sendFile(index);
  });
}

/**
 * Builds the HTTP server, socket.io and every service; never listens (the caller does, e.g. on port 0).
 * Async because it reads the store once (layers, permission seeding, interrupted jobs).
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, logger } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const io = new Server(server, { serveClient: false, maxHttpBufferSize: 1_048_576 });

  const rulebooks = new RulebookService(deps.rulebooks, deps.drafts ?? [], store);
  const airspace = new AirspaceService(deps.catalogue, store, deps.elevation);
  await airspace.init();
  const permissions = new PermissionService(store);
  await permissions.seed(deps.permissions ?? []);
  const interrupted = await store.jobs.failInterrupted('interrupted: the server stopped while it ran');
  if (interrupted) logger.warn({ interrupted }, 'impact jobs from a previous run marked failed');
  const scenarios = async () => (deps.scenarios ? await deps.scenarios() : []);
  const examples = deps.examplePlans ?? (() => []);
  const impact = new ImpactJobService({
    store,
    rulebooks,
    airspace,
    permissions,
    examples,
    events: socketJobEvents(io),
    logger,
  });
  const services: Services = {
    store,
    plans: new PlanService(store),
    checks: new CheckService(store, rulebooks, airspace, permissions),
    rulebooks,
    drafts: new DraftService(store, rulebooks),
    airspace,
    zones: new ZoneService(store, airspace),
    permissions,
    impact,
    scenarios,
    examples,
    startedAt: Date.now(),
  };

  const realtime =
    deps.realtime?.enabled === false
      ? undefined
      : registerRealtime(io, {
          rulebooks: () => rulebooks.list(),
          drafts: { get: async (id) => (await rulebooks.findDraft(id))?.draft },
          plans: { get: async (id) => (await store.plans.get(id))?.plan },
          airspace: airspace.liveIndex(),
          permissions: () => permissions.all(),
          scenarios,
          logger,
          ...deps.realtime?.options,
        });
  if (realtime) services.telemetry = (payload, source) => realtime.telemetry(payload, source);
  registerJobSockets(io, impact);

  const routes: MountableRoute[] = [
    ...miscRoutes(services),
    ...checkRoutes(services),
    ...planRoutes(services),
    ...rulebookRoutes(services),
    ...draftRoutes(services),
    ...impactRoutes(services),
    ...exampleRoutes(services),
    ...zoneRoutes(services),
    ...permissionRoutes(services),
    ...telemetryRoutes(services),
  ];
  routes.push(...docsRoutes(() => routes.map((r) => r.doc), pkg.version));

  app.use(requestContext(logger));
  app.use(express.json({ limit: limits.jsonBytes, type: ['application/json', 'application/*+json'] }));
  const api = express.Router();
  for (const r of routes) r.install(api, limits);
  app.use(api);
  app.use('/api', (req, _res, next) => next(notFound('route', `${req.method} ${req.baseUrl}${req.path}`)));
  if (deps.clientDir) serveClient(app, deps.clientDir);
  app.use(errorMiddleware(logger, limits));

  let closed = false;
  return {
    http: server,
    io,
    services,
    async close() {
      if (closed) return;
      closed = true;
      await impact.close();
      await realtime?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
