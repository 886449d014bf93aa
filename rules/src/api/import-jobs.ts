import { z } from 'zod';
import { Timestamp } from './operation.js';
import { ZoneImported } from './zones.js';

/** A large zone import (POST /api/zones/import over the size threshold, or `async=1`) as a background job. */
export const ZoneImportJob = z
  .object({
    id: z.string(),
    kind: z.literal('zone-import'),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    request: z.object({
      layer: z.string().describe('the id the layer is stored under'),
      name: z.string().nullable(),
      format: z.string(),
      bytes: z.number().int().describe('size of the uploaded file'),
    }),
    total: z.number().int(),
    processed: z.number().int(),
    percent: z.number(),
    etaMs: z.number().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    error: z.string().nullable().describe('why the file was rejected (the synchronous 400/409 message)'),
    resumes: z.number().int(),
    workMs: z.number(),
    summary: ZoneImported.extend({ durationMs: z.number().optional() })
      .nullable()
      .describe('when done: what the synchronous import answers (201)'),
  })
  .meta({ id: 'ZoneImportJob' });
export type ZoneImportJob = z.output<typeof ZoneImportJob>;
