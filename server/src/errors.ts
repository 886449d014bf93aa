import { type ApiError, type ApiIssue, type ErrorCode, issuesFromZod } from '@sua-sandbox/rules/protocol';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DuplicateKeyError } from './store/types.js';

/** Re-exported for the routes and services: the one issue shape and its one mapper (rules/src/protocol/errors.ts). */
export { type ApiIssue, type ErrorCode, issuesFromZod };

/**
 * The one error type. `expose`: the message is safe to show the client (client errors); otherwise the
 * response says only "internal error" and the cause goes to the log.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly issues?: ApiIssue[];

  constructor(opts: {
    code: ErrorCode;
    status: number;
    message: string;
    expose?: boolean;
    issues?: ApiIssue[];
    cause?: unknown;
  }) {
    super(opts.message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = opts.code;
    this.status = opts.status;
    this.expose = opts.expose ?? opts.status < 500;
    this.issues = opts.issues;
  }
}

export const badRequest = (message: string, issues?: ApiIssue[], cause?: unknown) =>
  new AppError({ code: 'bad_request', status: 400, message, issues, cause });
export const validationFailed = (issues: ApiIssue[], message = 'request validation failed') =>
  new AppError({ code: 'validation_failed', status: 400, message, issues });
export const notFound = (what: string, id: string) =>
  new AppError({ code: 'not_found', status: 404, message: `${what} "${id}" not found` });
export const conflict = (message: string) => new AppError({ code: 'conflict', status: 409, message });
/** No valid credentials: sign in, or send a valid bearer token. */
export const unauthorized = (message = 'sign-in required') =>
  new AppError({ code: 'unauthorized', status: 401, message });
/** Authenticated, but this principal may not do this. */
export const forbidden = (message = 'not allowed') => new AppError({ code: 'forbidden', status: 403, message });
/** Too many attempts; the caller sets Retry-After. */
export const rateLimited = (message: string) => new AppError({ code: 'rate_limited', status: 429, message });
export const unsupportedMediaType = (message: string) =>
  new AppError({ code: 'unsupported_media_type', status: 415, message });
export const payloadTooLarge = (message: string) => new AppError({ code: 'payload_too_large', status: 413, message });
/** A server budget (budgets.ts) refused the request: 413 for sizes, 422 for work; the message names the limit. */
export const budgetExceeded = (p: { status: 413 | 422; message: string; issues?: ApiIssue[] }) =>
  new AppError({ code: 'budget_exceeded', status: p.status, message: p.message, issues: p.issues });

/**
 * Why a JSON body was refused: JSON that is not an object or array (`null`, `42`, `"x"`: the parser is strict)
 * is said so, not called malformed; malformed JSON gets the parser's own words (a position, never a stack).
 */
function parseFailure(e: { body?: unknown; message?: unknown }): string {
  if (typeof e.body === 'string') {
    try {
      const value: unknown = JSON.parse(e.body);
      return `the JSON body must be an object, not ${value === null ? 'null' : typeof value}`;
    } catch (parseErr) {
      return `malformed JSON body: ${(parseErr as Error).message.split('\n')[0].slice(0, 200)}`;
    }
  }
  return 'malformed JSON body';
}

/** body-parser and multer report client mistakes with their own shapes; map them to AppErrors. */
function fromParserError(err: unknown, limits: { jsonBytes: number; fileBytes: number }): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as {
    type?: unknown;
    code?: unknown;
    status?: unknown;
    name?: unknown;
    field?: unknown;
    body?: unknown;
  };
  switch (e.type) {
    case 'entity.parse.failed':
      return badRequest(parseFailure(e), undefined, err);
    case 'entity.too.large':
      return payloadTooLarge(`request body exceeds the ${limits.jsonBytes / 1_048_576} MB limit`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return unsupportedMediaType('unsupported body encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return badRequest('request body could not be read', undefined, err);
  }
  if (e.name === 'MulterError') {
    if (e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE')
      return payloadTooLarge(`uploaded file exceeds the ${limits.fileBytes / 1_048_576} MB limit`);
    return badRequest(`upload rejected: ${String(e.code)}${e.field ? ` (field "${String(e.field)}")` : ''}`);
  }
  // busboy: malformed multipart bodies
  if (err instanceof Error && /multipart|boundary|Unexpected end of form/i.test(err.message))
    return badRequest('malformed multipart body', undefined, err);
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError({ code: 'bad_request', status: e.status, message: 'request rejected', cause: err });
  return undefined;
}

/** What the client may see of an AppError: the ApiError of every problem body and job result. */
export function problemOf(err: AppError): ApiError {
  if (!err.expose) return { code: 'internal', message: 'internal error' };
  return err.issues
    ? { code: err.code, message: err.message, issues: err.issues }
    : { code: err.code, message: err.message };
}

export function toAppError(err: unknown, limits: { jsonBytes: number; fileBytes: number }): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationFailed(issuesFromZod(err));
  if (err instanceof DuplicateKeyError) return conflict(err.message);
  return (
    fromParserError(err, limits) ??
    new AppError({ code: 'internal', status: 500, message: 'internal error', expose: false, cause: err })
  );
}

/** The one error middleware: a problem body `{error: ApiError}`, never a stack trace. */
export function errorMiddleware(logger: Logger, limits: { jsonBytes: number; fileBytes: number }): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appErr = toAppError(err, limits);
    const log = (res.locals.log as Logger | undefined) ?? logger;
    if (appErr.status >= 500) log.error({ err: appErr.cause ?? appErr, path: req.path }, 'request failed');
    else log.info({ code: appErr.code, status: appErr.status, path: req.path }, appErr.message);
    res.status(appErr.status).json({ error: problemOf(appErr) });
  };
}
