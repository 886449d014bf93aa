import { z } from 'zod';
import { ApiError } from '../protocol/errors.js';

/**
 * One HTTP operation of the server's API, as data: where it lives, what it accepts and what it answers.
 * The server mounts its handler on it, the OpenAPI document is generated from it and the browser client
 * parses every answer with its response schemas. Pure zod: no express, no fetch.
 */
export type Method = 'get' | 'post' | 'put' | 'delete';

export interface OperationRequest {
  /** path parameters (`:id` in `path`) */
  params?: z.ZodType;
  query?: z.ZodType;
  /** the JSON body as the server validates it */
  body?: z.ZodType;
}

/** A multipart alternative to the JSON body: one file plus form fields validated by `fields`. */
export interface UploadDecl<F extends z.ZodType = z.ZodType> {
  fileField: string;
  fields: F;
  description: string;
}

export interface ResponseDecl {
  description: string;
  /** the body; none for 204 */
  schema?: z.ZodType;
  /** default application/json */
  contentType?: string;
}

export interface Operation<
  R extends OperationRequest = OperationRequest,
  Res extends Record<number, ResponseDecl> = Record<number, ResponseDecl>,
  U extends UploadDecl | undefined = UploadDecl | undefined,
> {
  method: Method;
  /** Express path, e.g. /api/plans/:id */
  path: string;
  /** stable: clients, tests and the authorization policy are keyed by it */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  request: R;
  /** documents the body when validation is two-stage (the handler parses further) */
  docBody?: z.ZodType;
  upload?: U;
  responses: Res;
}

/** Identity, with the schema types kept for the server's handlers and the client's parsing. */
export function defineOperation<
  R extends OperationRequest,
  Res extends Record<number, ResponseDecl>,
  U extends UploadDecl | undefined = undefined,
>(op: Operation<R, Res, U>): Operation<R, Res, U> {
  return op;
}

/** Statuses that carry the operation's result (the rest are problems). */
export const SUCCESS_STATUSES = [200, 201, 202, 204] as const;
export type SuccessStatus = (typeof SUCCESS_STATUSES)[number];

type SchemaOf<D> = D extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
/** What a successful call of `O` returns, parsed (undefined for 204). */
export type ResponseOf<O extends Operation> = {
  [K in keyof O['responses'] & SuccessStatus]: SchemaOf<O['responses'][K]>;
}[keyof O['responses'] & SuccessStatus];

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
export type ParamsOf<O extends Operation> = InputOf<O['request']['params']>;
export type QueryOf<O extends Operation> = InputOf<O['request']['query']>;
export type BodyOf<O extends Operation> = InputOf<O['request']['body']>;

/** Every error response: the one ApiError of rules/src/protocol/errors.ts, wrapped. */
export const ErrorBody = z
  .object({ error: ApiError })
  .meta({ id: 'ErrorBody', description: 'Every error response. `issues` name the fields (zod paths).' });

export const errors = {
  400: { description: 'invalid input: `issues` name each field', schema: ErrorBody },
  404: { description: 'not found', schema: ErrorBody },
  409: { description: 'conflict (duplicate id, read-only item)', schema: ErrorBody },
  413: { description: 'body over the limit (5 MB JSON, 10 MB files)', schema: ErrorBody },
  415: { description: 'unsupported Content-Type', schema: ErrorBody },
} as const;

export function pickErrors<K extends keyof typeof errors>(...codes: K[]): Pick<typeof errors, K> {
  const out: Partial<Pick<typeof errors, K>> = {};
  for (const c of codes) Object.assign(out, { [c]: errors[c] });
  return out as Pick<typeof errors, K>;
}

/** Budgets: 413 past a size (e.g. bytes after decompression), 422 past a work limit, 503 when busy. */
export const BUDGET_ERRORS = {
  413: {
    description: 'over a size limit: body, file, or bytes after decompression (code budget_exceeded names it)',
    schema: ErrorBody,
  },
  422: { description: 'over a server budget (code budget_exceeded; the message names the limit)', schema: ErrorBody },
  503: { description: 'the worker pool is busy or shutting down; retry', schema: ErrorBody },
} as const;

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

/** Timestamps the store writes (ISO 8601). */
export const Timestamp = z.string();
