import type { RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { type ApiIssue, issuesFromZod, validationFailed } from '../errors.js';

/**
 * A cheap look at the raw parsed body before any schema runs (e.g. a budget on an array's length), so a
 * body that is refused anyway costs no full parse on the event loop. Returns the error to answer with.
 */
export type BodyPrecheck = (body: unknown) => Error | undefined;

export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  precheck?: BodyPrecheck;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Validated<S extends RequestSchemas> {
  body: Out<S['body']>;
  query: Out<S['query']>;
  params: Out<S['params']>;
}

const VALIDATED = 'validated';

/**
 * The one validation helper: runs the body precheck, then parses body, query and params with their zod
 * schemas and answers 400 with
 * every issue (paths prefixed by `body`, `query` or `params`). Parsed values land in `res.locals`
 * (Express 5's `req.query` is read-only), read back with `validated(res)`.
 */
export function validate<S extends RequestSchemas>(schemas: S): RequestHandler {
  return (req, res, next) => {
    const refused = schemas.precheck?.(req.body);
    if (refused) return next(refused);
    const issues: ApiIssue[] = [];
    const out: Record<string, unknown> = {};
    for (const where of ['body', 'query', 'params'] as const) {
      const schema = schemas[where];
      if (!schema) continue;
      const parsed = schema.safeParse(req[where]);
      if (parsed.success) out[where] = parsed.data;
      else issues.push(...issuesFromZod(parsed.error, where));
    }
    if (issues.length > 0) return next(validationFailed(issues));
    res.locals[VALIDATED] = out;
    next();
  };
}

export function validated<S extends RequestSchemas>(res: Response): Validated<S> {
  return res.locals[VALIDATED] as Validated<S>;
}
