import { z } from 'zod';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApi } from './openapi.js';
import { defineRoute, type MountableRoute, type RouteDoc } from './route.js';

/** /api/openapi.json and /api/docs, built once from every route's own spec. */
export function docsRoutes(allDocs: () => RouteDoc[], version: string): MountableRoute[] {
  let doc: ReturnType<typeof buildOpenApi> | undefined;
  const openapi = () => {
    doc ??= buildOpenApi(allDocs(), { version });
    return doc;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openapi',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['meta'],
      responses: { 200: { description: 'OpenAPI document', schema: z.unknown() } },
      handler: () => openapi(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      operationId: 'docs',
      summary: 'This API as a readable page',
      tags: ['meta'],
      responses: { 200: { description: 'HTML', contentType: 'text/html', schema: z.string() } },
      handler: (_input, res) => {
        res.type('html').send(renderDocsPage(openapi() as unknown as Record<string, unknown>));
      },
    }),
  ];
}
