import { Draft } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import type { CorpusSpec } from '../services/impact/jobs.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { IdParams, pickErrors } from './schemas.js';

/** Uploaded corpora ride in the JSON body, so the 5 MB JSON limit bounds them. */
const MAX_UPLOADED_PLANS = 20_000;

const ImpactRequest = z
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

const JobOut = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    request: z.object({ draft: z.string(), base: z.string(), corpus: z.string() }),
    total: z.number().int(),
    processed: z.number().int(),
    percent: z.number(),
    etaMs: z.number().nullable().describe('estimated time left; null until measurable'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable().describe('why it failed, e.g. its draft was deleted while the server was down'),
    resumes: z.number().int().describe('times it continued from its last checkpoint after a server stop or crash'),
    workMs: z.number().describe('evaluation time so far, summed over every run of the job'),
    summary: z
      .unknown()
      .describe(
        'ImpactSummary when done: verdict counts, transitions, totals per rule, and durationMs (= workMs); the same, durationMs aside, whether or not the job was resumed',
      ),
    results: z
      .array(
        z.object({
          seq: z.number().int(),
          planKey: z.string(),
          name: z.string().nullable(),
          before: z.string(),
          after: z.string(),
          changed: z.boolean(),
          detail: z.unknown().describe('{verdictChanged, rules: [{ruleId, added, removed}], issues?}'),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ImpactJob' });

const JobQuery = z.object({
  results: z.enum(['none', 'changed', 'all']).default('changed'),
  limit: z.coerce.number().int().min(1).max(20_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

const toCorpus = (c: z.output<typeof ImpactRequest>['corpus']): CorpusSpec =>
  typeof c === 'string' ? { kind: c } : { kind: 'upload', plans: c.plans };

export function impactRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/impact',
      operationId: 'startImpact',
      summary: 'Start an impact run: a draft against its base over a corpus of plans',
      description:
        'Answers 202 with the job id at once. The corpus is stored with the job and results are written batch by batch (100 plans), so a job the server was stopped or killed during continues from its last batch at the next start, with the same result; it fails naming the reason when an input changed meanwhile (draft edited or deleted, zone layers or permissions changed). Progress: poll GET /api/jobs/{id}, or over socket.io emit `job:subscribe` {jobId} and receive `job:progress` {jobId, done, total, message, percent, etaMs} and `job:done` {jobId, ok, result|error} in the room `job:<id>`.',
      tags: ['impact'],
      request: { body: ImpactRequest },
      responses: {
        202: {
          description: 'job accepted',
          schema: z.object({ jobId: z.string(), status: z.string(), href: z.string() }),
        },
        ...pickErrors(400, 404, 413, 415),
      },
      handler: async ({ body, ctx }, res) => {
        const job = await s.impact.start({ draft: body.draft, corpus: toCorpus(body.corpus) }, ctx);
        res.status(202).setHeader('Location', `/api/jobs/${job.id}`);
        return { jobId: job.id, status: job.status, href: `/api/jobs/${job.id}` };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/jobs/:id',
      operationId: 'getJob',
      summary: 'An impact job: status, progress (percent, ETA), and when done its summary and per-plan results',
      tags: ['impact'],
      request: { params: IdParams, query: JobQuery },
      responses: { 200: { description: 'the job', schema: JobOut }, ...pickErrors(400, 404) },
      handler: async ({ params, query }) => {
        const job = await s.impact.get(params.id);
        if (job.status !== 'done' || query.results === 'none') return job;
        const results = await s.impact.results(params.id, {
          changedOnly: query.results === 'changed',
          limit: query.limit,
          offset: query.offset,
        });
        return { ...job, results };
      },
    }),
  ];
}
