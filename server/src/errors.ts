import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DuplicateKeyError } from './store/types.js';

export interface IssueOut {
  path: (string | number)[];
  message: string;
}

/**
 * The one error type. `expose`: the message is safe to show the client (client errors); otherwise the
 * response says only "internal error" and the cause goes to the log.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly issues?: IssueOut[];

  constructor(opts: {
    code: string;
    status: number;
    message: string;
    expose?: boolean;
    issues?: IssueOut[];
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

export const badRequest = (message: string, issues?: IssueOut[], cause?: unknown) =>
  new AppError({ code: 'bad_request', status: 400, message, issues, cause });
export const validationFailed = (issues: IssueOut[], message = 'request validation failed') =>
  new AppError({ code: 'validation_failed', status: 400, message, issues });
export const notFound = (what: string, id: string) =>
  new AppError({ code: 'not_found', status: 404, message: `${what} "${id}" not found` });
export const conflict = (message: string) => new AppError({ code: 'conflict', status: 409, message });
export const unsupportedMediaType = (message: string) =>
  new AppError({ code: 'unsupported_media_type', status: 415, message });
export const payloadTooLarge = (message: string) => new AppError({ code: 'payload_too_large', status: 413, message });

/** zod issues → `{path, message}` with the location prefixed (`body`, `query`, `params`). */
export function issuesFrom(error: z.ZodError, prefix: string | (string | number)[] = []): IssueOut[] {
  const head = typeof prefix === 'string' ? [prefix] : prefix;
  return error.issues.map((i) => ({
    path: [...head, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}

/** body-parser and multer report client mistakes with their own shapes; map them to AppErrors. */
function fromParserError(err: unknown, limits: { jsonBytes: number; fileBytes: number }): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { type?: unknown; code?: unknown; status?: unknown; name?: unknown; field?: unknown };
  switch (e.type) {
    case 'entity.parse.failed':
      return badRequest('malformed JSON body', undefined, err);
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

export function toAppError(err: unknown, limits: { jsonBytes: number; fileBytes: number }): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationFailed(issuesFrom(err));
  if (err instanceof DuplicateKeyError) return conflict(err.message);
  return (
    fromParserError(err, limits) ??
    new AppError({ code: 'internal', status: 500, message: 'internal error', expose: false, cause: err })
  );
}

/** The one error middleware: a problem body `{error: {code, message, issues?}}`, never a stack trace. */
export function errorMiddleware(logger: Logger, limits: { jsonBytes: number; fileBytes: number }): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appErr = toAppError(err, limits);
    const log = (res.locals.log as Logger | undefined) ?? logger;
    if (appErr.status >= 500) log.error({ err: appErr.cause ?? appErr, path: req.path }, 'request failed');
    else log.info({ code: appErr.code, status: appErr.status, path: req.path }, appErr.message);
    const message = appErr.expose ? appErr.message : 'internal error';
    res.status(appErr.status).json({
      error: {
        code: appErr.expose ? appErr.code : 'internal',
        message,
        ...(appErr.issues && { issues: appErr.issues }),
      },
    });
  };
}
