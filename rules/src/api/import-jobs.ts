import { z } from 'zod';
import { ApiError } from '../protocol/errors.js';
import { Timestamp } from './operation.js';
import { CreatedPlan } from './plans.js';
import { ZoneImported } from './zones.js';

const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);

/** A one-step job's progress and times (a large import: total 1). */
const oneStepJob = {
  total: z.number().int(),
  processed: z.number().int(),
  percent: z.number(),
  etaMs: z.number().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  resumes: z.number().int(),
  workMs: z.number(),
};

/** A large zone import (POST /api/zones/import over the size threshold, or `async=1`) as a background job. */
export const ZoneImportJob = z
  .object({
    id: z.string(),
    kind: z.literal('zone-import'),
    status: JobStatus,
    request: z.object({
      layer: z.string().describe('the id the layer is stored under'),
      name: z.string().nullable(),
      format: z.string(),
      bytes: z.number().int().describe('size of the uploaded file'),
    }),
    ...oneStepJob,
    error: z.string().nullable().describe('why the file was rejected (the synchronous 400/409 message)'),
    summary: ZoneImported.extend({ durationMs: z.number().optional() })
      .nullable()
      .describe('when done: what the synchronous import answers (201)'),
  })
  .meta({ id: 'ZoneImportJob' });
export type ZoneImportJob = z.output<typeof ZoneImportJob>;

/**
 * A large plan upload (POST /api/plans, multipart, over the size threshold or `async=1`) as a background job: the
 * uploader's own (and the regulator's); another operator gets 404 for it.
 */
export const PlanImportJob = z
  .object({
    id: z.string(),
    kind: z.literal('plan-import'),
    status: JobStatus,
    request: z.object({
      fileName: z.string(),
      format: z.string().describe('the `format` field as sent ("auto" unless given)'),
      name: z.string().nullable(),
      bytes: z.number().int().describe('size of the uploaded file'),
    }),
    ...oneStepJob,
    error: z.string().nullable().describe('why the file was refused (the synchronous 4xx message)'),
    problem: ApiError.nullable().describe('when failed: the synchronous answer’s error, `issues` naming the field'),
    summary: CreatedPlan.nullable().describe('when done: exactly what the synchronous upload answers (201)'),
  })
  .meta({ id: 'PlanImportJob' });
export type PlanImportJob = z.output<typeof PlanImportJob>;
