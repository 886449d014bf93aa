import { z } from 'zod';
import { defineOperation, ErrorBody, pickErrors, Timestamp } from './operation.js';

/** Batch scenario runs: shipped scenarios run headless to their end, as background jobs (issue 15). */

/** Scenario runs per batch: an id may repeat (e.g. the same scenario under several seeds, one batch each). */
export const MAX_BATCH_SCENARIOS = 200;

export const ScenarioBatchRequest = z
  .object({
    scenarios: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(MAX_BATCH_SCENARIOS)
      .describe('ids of shipped scenarios (GET /api/scenarios), run in this order; an id may repeat'),
    rulebook: z
      .string()
      .min(1)
      .max(220)
      .optional()
      .describe(
        'a rulebook id or `draft:<draft id>` every scenario runs under; default: each scenario’s own rulebook, else the one in force on its start date',
      ),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .describe('replaces every scenario’s seed'),
  })
  .meta({ id: 'ScenarioBatchRequest' });

const Count = z.number().int().min(0);
const Counts = z.record(z.string(), Count);

/** One scenario run's result: deterministic (the same inputs give the same object, wherever it ran). */
export const ScenarioRunSummary = z
  .object({
    scenario: z.string(),
    seed: z.number().int(),
    rulebook: z.string().describe('`id@version` the run was judged under'),
    steps: Count,
    simulatedMs: Count.describe('simulated duration of the run'),
    flights: z.object({ total: Count, byOutcome: Counts.describe('flights per outcome at the end') }),
    findings: z.object({
      total: Count,
      byRule: Counts.describe('findings opened per rule id'),
      byEffect: Counts.describe('findings opened per effect (prohibited, needs-permission, advisory...)'),
    }),
    events: Count.describe('monitor events in the run'),
    eventsSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('sha-256 over the monitor events in order, one JSON text and a newline each'),
  })
  .meta({ id: 'ScenarioRunSummary' });
export type ScenarioRunSummary = z.output<typeof ScenarioRunSummary>;

export const ScenarioBatchSummary = z
  .object({
    runs: z.array(ScenarioRunSummary).describe('one per requested scenario, in the request’s order'),
    durationMs: z.number().optional().describe('run time (= the job’s workMs)'),
  })
  .meta({ id: 'ScenarioBatchSummary' });

export const ScenarioBatchJob = z
  .object({
    id: z.string(),
    kind: z.literal('scenario-batch'),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    request: z.object({
      scenarios: z.array(z.string()),
      rulebook: z.string().nullable(),
      seed: z.number().int().nullable(),
    }),
    total: z.number().int().describe('scenario runs in the batch'),
    processed: z.number().int().describe('scenario runs done'),
    percent: z.number(),
    etaMs: z.number().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    error: z.string().nullable(),
    resumes: z.number().int().describe('times it continued from its last finished scenario after a stop or crash'),
    workMs: z.number(),
    summary: ScenarioBatchSummary.nullable().describe('when done: one summary per scenario run'),
  })
  .meta({ id: 'ScenarioBatchJob' });
export type ScenarioBatchJob = z.output<typeof ScenarioBatchJob>;

export const ScenarioBatchAccepted = z.object({ jobId: z.string(), status: z.string(), href: z.string() });

export const batchRunOperations = {
  startScenarioBatch: defineOperation({
    method: 'post',
    path: '/api/scenario-batches',
    operationId: 'startScenarioBatch',
    summary: 'Run shipped scenarios headless to their end, as a background job',
    description:
      'Answers 202 with the job id at once. Each scenario runs in the worker pool (with REDIS_URL: on the job queue, in `sua-sandbox worker` processes) and its summary is stored when it ends, so a job whose process stopped continues from its last finished scenario with the same result. Progress and the result: GET /api/jobs/{id}, or `job:subscribe` over socket.io (`job:progress` after each scenario, then `job:done`).',
    tags: ['scenarios'],
    request: { body: ScenarioBatchRequest },
    responses: {
      202: { description: 'job accepted', schema: ScenarioBatchAccepted },
      ...pickErrors(400, 404, 413, 415),
      503: {
        description: 'the job could not be queued (REDIS_URL: Redis did not answer); the job is failed',
        schema: ErrorBody,
      },
    },
  }),
};
