import type { Method, ResponseDecl, UploadDecl } from '@sua-sandbox/rules/api';
import type { NextFunction, Request, Response, Router } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { AppError, unsupportedMediaType, validationFailed } from '../errors.js';
import { type RequestSchemas, type Validated, validate, validated } from './validate.js';

/** The HTTP contract (method, path, schemas) lives in @sua-sandbox/rules/api; a route adds its handler. */
export type { Method };

export interface RouteContext {
  /** who is asking, resolved once per request (session cookie or bearer token); anonymous otherwise */
  principal: Principal;
  /** actorOf(principal): the audit log's actor, never a request header */
  actor: string;
  requestId: string;
  log: Logger;
}

export interface UploadedFile {
  originalName: string;
  mimeType: string;
  buffer: Buffer;
}

/** A multipart alternative to the JSON body: one file plus form fields validated by `fields`. */
export type UploadSpec<F extends z.ZodType> = UploadDecl<F>;
export type ResponseSpec = ResponseDecl;

type JsonInput<S extends RequestSchemas> = { kind: 'json'; body: Validated<S>['body'] };
type UploadInput<F> = { kind: 'multipart'; fields: F extends z.ZodType ? z.output<F> : never; file: UploadedFile };

/** Routes without an upload spec only ever see JSON input. */
export type HandlerInput<S extends RequestSchemas, F> = Omit<Validated<S>, 'body'> & {
  ctx: RouteContext;
} & (F extends z.ZodType ? JsonInput<S> | UploadInput<F> : JsonInput<S>);

export interface RouteSpec<S extends RequestSchemas, F extends z.ZodType | undefined> {
  method: Method;
  /** Express path, e.g. /api/plans/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  request?: S;
  /** documents the body when validation is two-stage (the handler parses further) */
  docBody?: z.ZodType;
  upload?: UploadSpec<NonNullable<F>>;
  responses: Record<number, ResponseSpec>;
  /** The return value, when not undefined, is sent as JSON (status 200 unless the handler set one). */
  handler: (input: HandlerInput<S, F>, res: Response, req: Request) => unknown;
}

/** What the OpenAPI generator reads; the route's install() and its document come from the same spec. */
export interface RouteDoc {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  request?: RequestSchemas;
  docBody?: z.ZodType;
  upload?: UploadSpec<z.ZodType>;
  responses: Record<number, ResponseSpec>;
}

/** Runs before anything is parsed or uploaded: the access policy of the operation (auth/access-policy.ts). */
export type RouteGuard = (operationId: string) => (req: Request, res: Response) => Promise<void>;

export interface MountableRoute {
  doc: RouteDoc;
  install(router: Router, limits: { fileBytes: number }, guard?: RouteGuard): void;
}

function hasBody(req: Request): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

export function routeContext(res: Response): RouteContext {
  return res.locals.ctx as RouteContext;
}

export function defineRoute<S extends RequestSchemas, F extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<S, F>,
): MountableRoute {
  const { handler, ...doc } = spec;
  const request: RequestSchemas = spec.request ?? {};
  const jsonValidator = validate(request);
  const uploadValidator = spec.upload && validate({ ...request, body: spec.upload.fields });

  return {
    doc: doc as RouteDoc,
    install(router, limits, guard) {
      const allowed = guard?.(spec.operationId);
      const upload = spec.upload
        ? multer({
            storage: multer.memoryStorage(),
            limits: { fileSize: limits.fileBytes, files: 1, fields: 20, fieldSize: 1_048_576 },
          }).single(spec.upload.fileField)
        : undefined;

      const run = async (multipart: boolean, req: Request, res: Response) => {
        const v = validated<S>(res);
        const ctx = routeContext(res);
        let input: HandlerInput<S, F>;
        if (multipart) {
          const f = req.file;
          if (!f) throw validationFailed(missingFile(spec.upload?.fileField));
          const file: UploadedFile = { originalName: f.originalname, mimeType: f.mimetype, buffer: f.buffer };
          input = {
            query: v.query,
            params: v.params,
            ctx,
            kind: 'multipart',
            fields: v.body,
            file,
          } as unknown as HandlerInput<S, F>;
        } else {
          input = { query: v.query, params: v.params, ctx, kind: 'json', body: v.body } as unknown as HandlerInput<
            S,
            F
          >;
        }
        const out = await handler(input, res, req);
        if (out !== undefined && !res.headersSent) res.json(out);
      };

      const handle = (req: Request, res: Response, next: NextFunction) => {
        const takesBody = spec.request?.body !== undefined || upload !== undefined;
        const isMultipart = upload !== undefined && req.is('multipart/form-data') === 'multipart/form-data';
        if (
          takesBody &&
          hasBody(req) &&
          !isMultipart &&
          !(spec.request?.body && req.is(['application/json', '+json']))
        ) {
          const accepted = [spec.request?.body && 'application/json', upload && 'multipart/form-data'].filter(Boolean);
          return next(
            unsupportedMediaType(
              `unsupported Content-Type "${req.headers['content-type'] ?? '(none)'}"; send ${accepted.join(' or ')}`,
            ),
          );
        }
        const chain = (err?: unknown) => {
          if (err) return next(err);
          const validator = isMultipart && uploadValidator ? uploadValidator : jsonValidator;
          validator(req, res, (verr?: unknown) => {
            // an upload without its file says so beside the fields' own problems, not after they are fixed
            if (isMultipart && !req.file && verr instanceof AppError && verr.code === 'validation_failed')
              return next(validationFailed([...missingFile(spec.upload?.fileField), ...(verr.issues ?? [])]));
            if (verr) return next(verr);
            run(isMultipart, req, res).catch(next);
          });
        };
        if (isMultipart && upload) upload(req, res, chain);
        else chain();
      };
      // who may call it is decided first: before an upload is buffered or a body validated
      router[spec.method](spec.path, (req: Request, res: Response, next: NextFunction) => {
        if (!allowed) return handle(req, res, next);
        allowed(req, res).then(() => handle(req, res, next), next);
      });
    },
  };
}

/** The issue of an upload that came without its file. */
function missingFile(field = 'file'): { path: string[]; message: string }[] {
  return [{ path: ['body', field], message: 'file is required' }];
}
