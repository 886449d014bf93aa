import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Operation, operations } from '../../rules/src/api/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { call, startServer } from '../server/helpers.js';
import { seedPrincipal } from '../server/principals.js';
import { fixturePrincipals } from './fixture-principals.js';
import {
  type FixtureRequest,
  fixtureContext,
  hasCredentials,
  missingFixtures,
  type OperationFixture,
  operationFixtures,
  sendFixture,
} from './operation-fixtures.js';

/**
 * The HTTP contract holds: every operation of the generated OpenAPI document has a fixture (a valid request),
 * and its answer matches the response schema the operation declares for that status, twice over: the zod
 * schema of @sua-sandbox/rules/api (what the client parses with) and the JSON Schema in the document (what
 * other clients read).
 */
const server = await startServer({
  as: 'anonymous',
  deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } },
});
afterAll(() => server.close());

const OpenApiDoc = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string() }))),
  components: z.looseObject({}).optional(),
});
const docReply = await call(server.url, 'GET', '/api/openapi.json');
const doc = OpenApiDoc.parse(docReply.body);
const rawDoc = z.record(z.string(), z.unknown()).parse(docReply.body);

interface DocOperation {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
const DocResponses = z.record(
  z.string(),
  z.object({ content: z.record(z.string(), z.object({ schema: z.unknown().optional() })).optional() }),
);
const docOperations: DocOperation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    responses: DocResponses.parse(op.responses),
  })),
);
// setupFirstAdmin works only while no administrator exists: it runs first, and every principal (the admin
// that sets fixtures up included) is seeded on first use, after it
const SETUP_FIRST = 'setupFirstAdmin';
const ordered = [
  ...docOperations.filter((o) => o.operationId === SETUP_FIRST),
  ...docOperations.filter((o) => o.operationId !== SETUP_FIRST),
];

let admin: Promise<Record<string, string>> | undefined;
const adminHeaders = () => {
  admin ??= seedPrincipal(server.store, 'admin').then((p) => p.headers);
  return admin;
};
const ctx = fixtureContext(server.url, { setup: adminHeaders, ...fixturePrincipals(server) });
/** A fixture's request with its own credentials, else as the admin (setupFirstAdmin: anonymous, before any). */
const send = async (op: DocOperation, req: FixtureRequest) => {
  if (hasCredentials(req.headers)) return sendFixture(server.url, op.method, op.path, req);
  return sendFixture(server.url, op.method, op.path, req, op.operationId === SETUP_FIRST ? {} : await adminHeaders());
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...rawDoc, $id: 'openapi.json' });

/** Validates `body` against the document's JSON Schema of that response (refs resolve into the document). */
function docSchemaErrors(op: DocOperation, status: number, contentType: string, body: unknown): string[] {
  const pointer = `openapi.json#/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}/responses/${status}/content/${contentType.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) return [`no schema at ${pointer}`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) =>
    `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`.trimEnd(),
  );
}

const table: Record<string, Operation> = operations;

describe('the HTTP contract: every OpenAPI operation answers what it declares', () => {
  it('the document lists the operations (more than 40) and each operationId once', () => {
    const ids = docOperations.map((o) => o.operationId);
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every operation has a fixture (100 % coverage), and no fixture names a missing operation', () => {
    const ids = docOperations.map((o) => o.operationId);
    expect(missingFixtures(ids, operationFixtures)).toEqual([]);
    expect(Object.keys(operationFixtures).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('the coverage check catches an operation without a fixture', () => {
    const planted = [...Object.keys(operationFixtures), 'plantedOperation'];
    expect(missingFixtures(planted, operationFixtures)).toEqual(['plantedOperation']);
  });

  it('every operation comes from the shared contract (rules/src/api) and declares a 2xx body schema', () => {
    const problems: string[] = [];
    for (const op of docOperations) {
      const shared = table[op.operationId];
      if (!shared) {
        problems.push(`${op.operationId}: not in the operations table of rules/src/api`);
        continue;
      }
      for (const [status, decl] of Object.entries(shared.responses)) {
        const code = Number(status);
        if (code < 200 || code > 299 || code === 204) continue;
        if (!decl.schema) problems.push(`${op.operationId} ${code}: no schema`);
        if (!op.responses[status]?.content) problems.push(`${op.operationId} ${code}: no content in the document`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(ordered.map((o) => [o.operationId, o] as const))('%s', async (operationId, op) => {
    const fixture: OperationFixture | undefined = operationFixtures[operationId];
    expect(fixture, `no fixture for ${operationId} in test/contracts/operation-fixtures.ts`).toBeDefined();
    if (!fixture) return;
    const reply = await send(op, await fixture.prepare(ctx));
    expect(reply.status, reply.text.slice(0, 2000)).toBe(fixture.status);

    const declared = table[operationId]?.responses[reply.status];
    expect(declared, `${operationId} does not declare ${reply.status}`).toBeDefined();
    if (!declared) return;
    if (reply.status === 204) {
      expect(reply.text).toBe('');
      return;
    }
    const contentType = declared.contentType ?? 'application/json';
    expect(reply.headers.get('content-type') ?? '').toContain(contentType);
    const body = contentType === 'application/json' ? reply.body : reply.text;
    const parsed = declared.schema?.safeParse(body);
    expect(parsed?.success, parsed?.error ? z.prettifyError(parsed.error) : 'no schema').toBe(true);
    expect(docSchemaErrors(op, reply.status, contentType, body)).toEqual([]);
  });
});
