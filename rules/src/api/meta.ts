import { z } from 'zod';
import { LocalizedText } from '../model/text.js';
import { Scenario } from '../sim/scenario.js';
import { defineOperation, IdParams, pickErrors, Timestamp } from './operation.js';

/** Health, the API's own documents, built-in scenarios and the audit log. */

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeS: z.number(),
  airspace: z.object({ version: z.string(), zones: z.number().int(), layers: z.number().int() }),
  rulebooks: z.array(z.string()),
});

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    redis: z
      .enum(['ok', 'unreachable', 'not-configured'])
      .describe("the cluster's Redis (REDIS_URL); not-configured: a single process, ready when it answers"),
    node: z.string().nullable().describe("this node's id in the cluster (null: not a cluster)"),
    sessions: z.array(z.string()).describe('live sessions this node simulates (holds the lease of)'),
    shardThreads: z
      .object({
        waiting: z.number().int().min(0).describe('monitor shard threads loaded and waiting for a session'),
        target: z.number().int().min(0).describe("how many this node keeps waiting (two sessions' worth)"),
      })
      .optional()
      .describe('with MONITOR_SHARDS above 1: spare shard threads, so a takeover does not wait for threads to load'),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

export const ScenarioSummary = z
  .object({
    id: z.string(),
    title: LocalizedText,
    description: LocalizedText,
    default: z.boolean(),
    tags: z.array(z.string()),
    start: z.string(),
    durationS: z.number(),
    rulebook: z.string().nullable(),
    flights: z.number().int().describe('number of flights'),
    illustrative: z.boolean(),
  })
  .meta({ id: 'ScenarioSummary' });
export type ScenarioSummary = z.output<typeof ScenarioSummary>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string().nullable().describe("the tamper-evident chain: the previous entry's hash"),
  hash: z.string().nullable().describe("this entry's hash (null only for entries written before the chain)"),
});

export const AuditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The OpenAPI 3.1 document, checked only for its frame (its body is generated from these operations). */
export const OpenApiDocument = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .meta({ description: 'an OpenAPI 3.1 document' });

export const metaOperations = {
  health: defineOperation({
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: 'Liveness and what data is loaded (checks the database answers)',
    tags: ['meta'],
    request: {},
    responses: { 200: { description: 'ok', schema: Health } },
  }),
  readiness: defineOperation({
    method: 'get',
    path: '/api/ready',
    operationId: 'readiness',
    summary: 'Readiness for a load balancer: 503 while this cluster node cannot reach Redis',
    tags: ['meta'],
    request: {},
    responses: {
      200: { description: 'ready to take viewers and requests', schema: Readiness },
      503: { description: 'not ready: send viewers to another node', schema: Readiness },
    },
  }),
  listScenarios: defineOperation({
    method: 'get',
    path: '/api/scenarios',
    operationId: 'listScenarios',
    summary: 'Built-in simulation scenarios (summaries)',
    tags: ['scenarios'],
    request: {},
    responses: { 200: { description: 'scenarios', schema: z.array(ScenarioSummary) } },
  }),
  getScenario: defineOperation({
    method: 'get',
    path: '/api/scenarios/:id',
    operationId: 'getScenario',
    summary: 'A scenario, in full',
    tags: ['scenarios'],
    request: { params: IdParams },
    responses: { 200: { description: 'the scenario', schema: Scenario }, ...pickErrors(404) },
  }),
  listAudit: defineOperation({
    method: 'get',
    path: '/api/audit',
    operationId: 'listAudit',
    summary: 'The append-only audit log, newest first',
    tags: ['meta'],
    request: { query: AuditQuery },
    responses: { 200: { description: 'entries', schema: z.array(AuditEntry) }, ...pickErrors(400) },
  }),
  openapi: defineOperation({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['meta'],
    request: {},
    responses: { 200: { description: 'OpenAPI document', schema: OpenApiDocument } },
  }),
  docs: defineOperation({
    method: 'get',
    path: '/api/docs',
    operationId: 'docs',
    summary: 'This API as a readable page',
    tags: ['meta'],
    request: {},
    responses: { 200: { description: 'HTML', contentType: 'text/html', schema: z.string() } },
  }),
};
