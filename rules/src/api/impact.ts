import { z } from 'zod';
import { Draft } from '../model/draft.js';
import { Verdict } from '../model/report.js';
import { ApiIssue } from '../protocol/errors.js';
import { TrafficImpact } from '../traffic/traffic-impact.js';
import { ScenarioBatchJob } from './batch-runs.js';
import { PlanImportJob, ZoneImportJob } from './import-jobs.js';
import { defineOperation, ErrorBody, IdParams, pickErrors, Timestamp } from './operation.js';

/** Impact runs: a draft against its base over a corpus of plans, as background jobs. */

/** Uploaded corpora ride in the JSON body, so the 5 MB JSON limit bounds them. */
export const MAX_UPLOADED_PLANS = 20_000;

export const ImpactRequest = z
  .object({
    draft: z.union([z.string().min(1).max(200).describe('stored or built-in draft id'), Draft]),
    corpus: z
      .union([
        z.enum(['stored', 'examples']),
        z.object({ plans: z.array(z.unknown()).min(1).max(MAX_UPLOADED_PLANS).describe('FlightPlan objects') }),
      ])
      .default('stored')
      .describe('"stored": every stored plan; "examples": scenarios/plans; or {plans: [...]}'),
  })
  .meta({ id: 'ImpactRequest' });

export const ImpactOutcome = z.union([Verdict, z.literal('invalid')]);

const Count = z.number().int().min(0);

export const ImpactRuleTotals = z.object({
  ruleId: z.string(),
  findingsBefore: Count,
  findingsAfter: Count,
  added: Count,
  removed: Count,
  plansAdded: Count.describe('plans where this rule gained findings'),
  plansRemoved: Count,
  verdictChanges: Count.describe("plans whose verdict changed while this rule's findings changed"),
});

export const ImpactSummary = z
  .object({
    base: z.object({ id: z.string(), version: z.string() }),
    target: z.object({ id: z.string(), version: z.string() }),
    plans: Count,
    evaluated: Count,
    invalid: Count,
    changed: Count,
    verdictChanged: Count,
    verdicts: z.object({ before: z.record(z.string(), Count), after: z.record(z.string(), Count) }),
    transitions: z.array(z.object({ from: ImpactOutcome, to: ImpactOutcome, count: Count })),
    rules: z.array(ImpactRuleTotals),
    durationMs: z.number().optional().describe('evaluation time (= the job’s workMs)'),
    traffic: TrafficImpact.optional().describe(
      'only for a draft with set-traffic-parameter changes: conflicts, delays and flights per hour per route over the corpus, before and after the draft',
    ),
  })
  .meta({ id: 'ImpactSummary' });
export type ImpactSummary = z.output<typeof ImpactSummary>;

export const ImpactResult = z.object({
  seq: z.number().int(),
  planKey: z.string(),
  name: z.string().nullable(),
  before: ImpactOutcome,
  after: ImpactOutcome,
  changed: z.boolean(),
  detail: z
    .object({
      verdictChanged: z.boolean(),
      rules: z.array(z.object({ ruleId: z.string(), added: Count, removed: Count })),
      issues: z.array(ApiIssue).optional(),
    })
    .describe('which rules caused the change: findings added/removed per rule id'),
});
export type ImpactResult = z.output<typeof ImpactResult>;

export const ImpactJob = z
  .object({
    id: z.string(),
    kind: z.literal('impact'),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    request: z.object({ draft: z.string(), base: z.string(), corpus: z.string() }),
    total: z.number().int(),
    processed: z.number().int(),
    percent: z.number(),
    etaMs: z.number().nullable().describe('estimated time left; null until measurable'),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    error: z.string().nullable().describe('why it failed, e.g. its draft was deleted while the server was down'),
    resumes: z.number().int().describe('times it continued from its last checkpoint after a server stop or crash'),
    workMs: z.number().describe('evaluation time so far, summed over every run of the job'),
    summary: ImpactSummary.nullable().describe(
      'when done: verdict counts, transitions, totals per rule, and durationMs (= workMs); the same, durationMs aside, whether or not the job was resumed',
    ),
    results: z
      .array(ImpactResult)
      .optional()
      .describe('per-plan results as asked by `results`; while the job runs, those written so far (batch by batch)'),
  })
  .meta({ id: 'ImpactJob' });
export type ImpactJob = z.output<typeof ImpactJob>;

export const JobQuery = z.object({
  results: z.enum(['none', 'changed', 'all']).default('changed'),
  limit: z.coerce.number().int().min(1).max(20_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImpactAccepted = z.object({ jobId: z.string(), status: z.string(), href: z.string() });

export const impactOperations = {
  startImpact: defineOperation({
    method: 'post',
    path: '/api/impact',
    operationId: 'startImpact',
    summary: 'Start an impact run: a draft against its base over a corpus of plans',
    description:
      'Answers 202 with the job id at once. The corpus is stored with the job and results are written batch by batch (100 plans), so a job the server was stopped or killed during continues from its last batch at the next start, with the same result; it fails naming the reason when an input changed meanwhile (draft edited or deleted, zone layers or permissions changed). Progress: poll GET /api/jobs/{id}, or over socket.io emit `job:subscribe` {jobId} and receive `job:progress` {jobId, done, total, message, percent, etaMs} and `job:done` {jobId, ok, result|error} in the room `job:<id>`.',
    tags: ['impact'],
    request: { body: ImpactRequest },
    responses: {
      202: { description: 'job accepted', schema: ImpactAccepted },
      ...pickErrors(400, 404, 413, 415),
      503: {
        description: 'the job could not be queued (REDIS_URL: Redis did not answer); the job is failed',
        schema: ErrorBody,
      },
    },
  }),
  getJob: defineOperation({
    method: 'get',
    path: '/api/jobs/:id',
    operationId: 'getJob',
    summary:
      'A job (an impact run, a scenario batch, a large zone import or a large plan upload, by `kind`): status, progress (percent, ETA), and when done its result. A plan upload is its uploader’s (and the regulator’s): anyone else gets 404',
    tags: ['impact'],
    request: { params: IdParams, query: JobQuery },
    responses: {
      200: {
        description: 'the job; `results` only for an impact job',
        schema: z.discriminatedUnion('kind', [ImpactJob, ScenarioBatchJob, ZoneImportJob, PlanImportJob]),
      },
      ...pickErrors(400, 404),
    },
  }),
};
