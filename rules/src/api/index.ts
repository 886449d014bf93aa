/**
 * The HTTP contract of the server, shared with the browser client: every operation's path, request schemas
 * and response schemas, keyed by operationId. The server mounts its handlers on these operations, the
 * OpenAPI document is generated from them, and the client parses every answer with them. Zod only.
 */
import { applicationOperations } from './applications.js';
import { authOperations } from './auth.js';
import { batchRunOperations } from './batch-runs.js';
import { checkOperations } from './check.js';
import { draftOperations } from './drafts.js';
import { exampleOperations } from './examples.js';
import { groundOperations } from './ground.js';
import { impactOperations } from './impact.js';
import { liveOperations } from './live.js';
import { metaOperations } from './meta.js';
import { permissionOperations } from './permissions.js';
import { planOperations } from './plans.js';
import { rulebookOperations } from './rulebooks.js';
import { trafficOperations } from './traffic.js';
import { zoneOperations } from './zones.js';

export * from './applications.js';
export * from './auth.js';
export * from './batch-runs.js';
export * from './check.js';
export * from './drafts.js';
export * from './examples.js';
export * from './ground.js';
export * from './impact.js';
export * from './import-jobs.js';
export * from './live.js';
export * from './meta.js';
export * from './operation.js';
export * from './permissions.js';
export * from './plans.js';
export * from './rulebooks.js';
export * from './traffic.js';
export * from './zones.js';

/** Every operation of the API, keyed by its (stable) operationId. */
export const operations = {
  ...metaOperations,
  ...authOperations,
  ...checkOperations,
  ...planOperations,
  ...rulebookOperations,
  ...draftOperations,
  ...impactOperations,
  ...batchRunOperations,
  ...exampleOperations,
  ...zoneOperations,
  ...groundOperations,
  ...permissionOperations,
  ...applicationOperations,
  ...liveOperations,
  ...trafficOperations,
};
export type OperationId = keyof typeof operations;
