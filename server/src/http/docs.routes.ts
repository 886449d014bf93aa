import { operations } from '@sua-sandbox/rules/api';
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
    defineRoute({ ...operations.openapi, handler: () => openapi() }),
    defineRoute({
      ...operations.docs,
      handler: (_input, res) => {
        res.type('html').send(renderDocsPage(openapi() as unknown as Record<string, unknown>));
      },
    }),
  ];
}
