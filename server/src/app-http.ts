import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import { policyGuard, storeOwners } from './auth/route-guard.js';
import type { AuthService } from './auth/service.js';
import { errorMiddleware, notFound } from './errors.js';
import { accountRoutes } from './http/accounts.routes.js';
import { applicationRoutes } from './http/applications.routes.js';
import { authRoutes } from './http/auth.routes.js';
import { batchRunRoutes } from './http/batch-runs.routes.js';
import { checkRoutes } from './http/check.routes.js';
import { docsRoutes } from './http/docs.routes.js';
import { draftRoutes } from './http/drafts.routes.js';
import { exampleRoutes } from './http/examples.routes.js';
import { groundRoutes } from './http/ground.routes.js';
import { impactRoutes } from './http/impact.routes.js';
import { intentRoutes } from './http/intents.routes.js';
import { requestContext } from './http/middleware.js';
import { miscRoutes } from './http/misc.routes.js';
import { permissionRoutes } from './http/permissions.routes.js';
import { planRoutes } from './http/plans.routes.js';
import type { MountableRoute } from './http/route.js';
import { rulebookRoutes } from './http/rulebooks.routes.js';
import { hideSourceMaps, originGuard, securityHeaders } from './http/security.js';
import { clientAssets } from './http/static-assets.js';
import { telemetryRoutes } from './http/telemetry.routes.js';
import { vertiportRoutes } from './http/vertiports.routes.js';
import { zoneRoutes } from './http/zones.routes.js';
import type { ApplicationService } from './services/applications.js';
import type { Services } from './services/index.js';

/** What the HTTP side of the app serves, and how (see AppDeps for each setting). */
export interface HttpSetup {
  services: Services;
  auth: AuthService;
  applications: ApplicationService;
  logger: Logger;
  limits: { jsonBytes: number; fileBytes: number };
  allowedOrigins: string[];
  clientDir?: string;
  serveSourceMaps: boolean;
}

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

function serveClient(app: express.Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(...clientAssets(dir));
  // SPA fallback: any other GET outside /api and /socket.io gets the app shell.
  app.get(['/', '/*splat'], (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** Every route of the REST API with its documentation, behind the shared middleware; then the client, if built. */
export function mountHttp(app: express.Express, setup: HttpSetup): void {
  const { services, auth, applications, logger, limits, allowedOrigins } = setup;
  const { store, airspace } = services;
  const routes: MountableRoute[] = [
    ...miscRoutes(services),
    ...authRoutes(auth),
    ...accountRoutes(auth),
    ...applicationRoutes(applications),
    ...checkRoutes(services),
    ...planRoutes(services),
    ...rulebookRoutes(services),
    ...draftRoutes(services),
    ...impactRoutes(services),
    ...batchRunRoutes(services),
    ...exampleRoutes(services),
    ...zoneRoutes(services),
    ...groundRoutes(services),
    ...permissionRoutes(services),
    ...telemetryRoutes(services),
    ...intentRoutes(services),
    ...vertiportRoutes(services),
  ];
  routes.push(...docsRoutes(() => routes.map((r) => r.doc), pkg.version));

  app.use(securityHeaders());
  app.use(requestContext(logger, (req) => auth.resolve(req)));
  app.use('/api', auth.rateLimit());
  app.use('/api', originGuard(allowedOrigins));
  // zone layers are read from the store (another process may have changed them): one indexed read per request
  app.use('/api', (_req, _res, next) => {
    airspace.refresh().then(() => next(), next);
  });
  app.use(express.json({ limit: limits.jsonBytes, type: ['application/json', 'application/*+json'] }));
  const api = express.Router();
  const guard = policyGuard(storeOwners(store));
  for (const r of routes) r.install(api, limits, guard);
  app.use(api);
  app.use('/api', (req, _res, next) => next(notFound('route', `${req.method} ${req.baseUrl}${req.path}`)));
  if (setup.clientDir) {
    app.use(hideSourceMaps(setup.serveSourceMaps));
    serveClient(app, setup.clientDir);
  }
  app.use(errorMiddleware(logger, limits));
}
