import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { RouteDoc } from './route.js';

/** Express `/api/plans/:id` → OpenAPI `/api/plans/{id}`. */
const openApiPath = (p: string) => p.replace(/:([A-Za-z_]\w*)/g, '{$1}');

function operation(r: RouteDoc): ZodOpenApiOperationObject {
  const content: Record<string, { schema: z.ZodType }> = {};
  const body = r.docBody ?? r.request?.body;
  if (body) content['application/json'] = { schema: body };
  if (r.upload) {
    const fields = r.upload.fields instanceof z.ZodObject ? r.upload.fields : z.object({});
    content['multipart/form-data'] = {
      schema: fields.extend({
        [r.upload.fileField]: z.string().meta({ format: 'binary', description: r.upload.description }),
      }),
    };
  }
  const requestParams: ZodOpenApiOperationObject['requestParams'] = {};
  if (r.request?.params instanceof z.ZodObject) requestParams.path = r.request.params;
  if (r.request?.query instanceof z.ZodObject) requestParams.query = r.request.query;
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description && { description: r.description }),
    tags: r.tags,
    requestParams,
    ...(Object.keys(content).length && { requestBody: { content, required: !(body instanceof z.ZodOptional) } }),
    responses: Object.fromEntries(
      Object.entries(r.responses).map(([code, spec]) => [
        code,
        {
          description: spec.description,
          ...(spec.schema && { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } }),
        },
      ]),
    ),
  };
}

/** The OpenAPI 3.1 document, generated from the very zod schemas the routes validate with. */
export function buildOpenApi(routes: readonly RouteDoc[], info: { version: string }) {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    paths[p] = { ...paths[p], [r.method]: operation(r) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'sua-sandbox API',
        version: info.version,
        description:
          'Hong Kong SUA regulatory sandbox: check flight plans against Cap. 448G, keep plans and reports, draft rulebook reforms and measure their impact, manage zones and permissions. Limits: JSON bodies 5 MB, uploaded files 10 MB. Sign in (`POST /api/auth/sign-in`, an httpOnly session cookie) or send `Authorization: Bearer sua_pat_…` (a personal API token); the audit log names the authenticated principal (anonymous callers by address). `X-Request-Id` is echoed.',
      },
      paths,
    },
    { allowEmptySchema: { custom: true, pipe: true, transform: true } },
  );
}
