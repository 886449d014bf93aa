import { ApiError } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';

/** Shared request/response pieces for the route files and the OpenAPI document. */

export const ErrorBody = z
  .object({ error: ApiError })
  .meta({ id: 'ErrorBody', description: 'Every error response. `issues` name the fields (zod paths).' });

export const IdParams = z.object({ id: z.string().min(1).max(200) });

/** Query strings arrive as text; "1"/"true" mean yes. */
export const QueryFlag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AnyJson = z.unknown().meta({ description: 'any JSON value' });

export const errors = {
  400: { description: 'invalid input: `issues` name each field', schema: ErrorBody },
  404: { description: 'not found', schema: ErrorBody },
  409: { description: 'conflict (duplicate id, read-only item)', schema: ErrorBody },
  413: { description: 'body over the limit (5 MB JSON, 10 MB files)', schema: ErrorBody },
  415: { description: 'unsupported Content-Type', schema: ErrorBody },
} as const;

export function pickErrors<K extends keyof typeof errors>(...codes: K[]) {
  return Object.fromEntries(codes.map((c) => [c, errors[c]])) as Pick<typeof errors, K>;
}
