import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manualTickSource } from '../../server/src/realtime/index.js';
import type { Store } from '../../server/src/store/types.js';
import { fixturePrincipals } from '../contracts/fixture-principals.js';
import {
  type FixtureRequest,
  fixtureContext,
  missingFixtures,
  operationFixtures,
  sendFixture,
} from '../contracts/operation-fixtures.js';
import { call, startServer } from '../server/helpers.js';
import { routePlan } from '../traffic-api/helpers.js';
import { byWho, seedMatrixPrincipals, WHO, type Who } from './matrix-principals.js';

/**
 * The authorization matrix of issue 12, generated from the OpenAPI document: every operation, called with a
 * valid request (test/contracts/operation-fixtures.ts) as each of six principals, answers what the table below
 * expects. The table is written out by hand, NOT derived from server/src/auth/access-policy.ts: it states who
 * should be allowed, and the test fails when the code disagrees or when an operation has no row.
 *
 * Outcomes:
 * - `ok`       — allowed, and the valid request succeeds (2xx);
 * - `handled`  — allowed past the access policy; the handler may still answer 2xx or a non-auth 4xx
 *                (400, 404, 409), e.g. revoking somebody else's token is the handler's 404;
 * - 401        — anonymous on a protected operation (`unauthorized`);
 * - 403        — wrong role, or an API token where a browser session is needed (`forbidden`);
 * - 404        — another organisation's plan or application: the same answer as for a missing id (`not_found`).
 * Every refused write leaves the store as it was (plans, drafts, permissions, zone layers, applications,
 * intents, slots, users, organisations, tokens, audit entries).
 */
type Outcome = 'ok' | 'handled' | 401 | 403 | 404;
type Row = Record<Who, Outcome>;

const SIGNED_IN: readonly Who[] = ['viewer', 'applicantA', 'applicantB', 'regulator', 'admin'];
const OPERATORS: readonly Who[] = ['applicantA', 'applicantB', 'regulator', 'admin'];
const REGULATORS: readonly Who[] = ['regulator', 'admin'];
const APPLICANTS: readonly Who[] = ['applicantA', 'applicantB'];
const ADMIN: readonly Who[] = ['admin'];

/** Open to everyone, anonymous included. */
const everyone = (outcome: 'ok' | 'handled' = 'ok'): Row => byWho(() => outcome);

/**
 * Only `allowed` may: anonymous gets 401, every other signed-in principal 403. `owned`: the `:id` is organisation
 * A's, so applicant B (allowed by role) gets 404.
 */
function only(allowed: readonly Who[], opts: { owned?: boolean; outcome?: 'ok' | 'handled' } = {}): Row {
  return byWho((w): Outcome => {
    if (allowed.includes(w)) return opts.owned && w === 'applicantB' ? 404 : (opts.outcome ?? 'ok');
    return w === 'anonymous' ? 401 : 403;
  });
}

const EXPECTATIONS: Record<string, Row> = {
  // the public: the API description, the law, the zone map, examples, scenarios, a stateless check
  health: everyone(),
  readiness: everyone(),
  openapi: everyone(),
  docs: everyone(),
  check: everyone(),
  importPlanFile: everyone(),
  listRulebooks: everyone(),
  getRulebook: everyone(),
  diffRulebooks: everyone(),
  listExamples: everyone(),
  getExample: everyone(),
  listScenarios: everyone(),
  getScenario: everyone(),
  listZones: everyone(),
  exportZones: everyone(),
  listZoneLayers: everyone(),
  groundHeights: everyone(),
  listVertiportSlots: everyone(),
  getTrafficNetwork: everyone(),

  // signing in: open; setup answers 400 for everyone once an administrator exists (no setup token to send)
  signIn: everyone(),
  signOut: everyone(),
  whoAmI: everyone(),
  setupFirstAdmin: everyone('handled'),
  // one's own password and tokens: any signed-in user, from a browser session
  changePassword: only(SIGNED_IN),
  listApiTokens: only(SIGNED_IN),
  createApiToken: only(SIGNED_IN),
  // the fixture's token is another user's: revoking it is the handler's 404 (tokens are their owner's)
  revokeApiToken: only(SIGNED_IN, { outcome: 'handled' }),

  // accounts: the admin's; regulators may see the organisations
  listUsers: only(ADMIN),
  createUser: only(ADMIN),
  disableUser: only(ADMIN),
  listOrganisations: only(REGULATORS),
  createOrganisation: only(ADMIN),

  // plans: an operator's own organisation's; regulators and admins see every organisation's
  listPlans: only(OPERATORS),
  createPlan: only(OPERATORS),
  getPlan: only(OPERATORS, { owned: true }),
  updatePlan: only(OPERATORS, { owned: true }),
  deletePlan: only(OPERATORS, { owned: true }),
  checkStoredPlan: only(OPERATORS, { owned: true }),
  listPlanReports: only(OPERATORS, { owned: true }),

  // sandbox applications: applicants apply for their organisation, the regulator decides
  listApplications: only(OPERATORS),
  createApplication: only(APPLICANTS),
  getApplication: only(OPERATORS, { owned: true }),
  applicationTimeline: only(OPERATORS, { owned: true }),
  reviseApplication: only(APPLICANTS, { owned: true }),
  // the fixture moves a draft with `submit`, the applicant's side of the workflow: the regulator is refused by
  // the state machine (403, wrong side); an admin may act for both sides
  transitionApplication: { ...only(OPERATORS, { owned: true }), regulator: 403 },

  // rulebook drafts and impact runs: the regulator's
  listDrafts: only(REGULATORS),
  getDraft: only(REGULATORS),
  createDraft: only(REGULATORS),
  updateDraft: only(REGULATORS),
  deleteDraft: only(REGULATORS),
  validateDraft: only(REGULATORS),
  startImpact: only(REGULATORS),
  // a job is its starter's (a large plan upload) or the regulator's: the fixture's impact run is a 404 to applicants
  getJob: { ...only(OPERATORS), applicantA: 404, applicantB: 404 },
  startScenarioBatch: only(REGULATORS),

  // zone layers: everyone reads the map, the regulator changes it
  importZones: only(REGULATORS),
  deleteZoneLayer: only(REGULATORS),

  // permissions: operators read them (to plan under them), the regulator issues them
  listPermissions: only(OPERATORS),
  getPermission: only(OPERATORS),
  createPermission: only(REGULATORS),
  updatePermission: only(REGULATORS),

  // the audit log: the regulator's
  listAudit: only(REGULATORS),

  // traffic management (USS interface): operators and the regulator
  putOperationalIntentReference: only(OPERATORS),
  getOperationalIntentReference: only(OPERATORS),
  queryOperationalIntentReferences: only(OPERATORS),
  // the fixture's intent is managed by another principal (the fixtures' admin): an applicant that is not its
  // manager is refused (403); the regulator and admins may move any intent (the manager's own case: below)
  transitionOperationalIntent: { ...only(OPERATORS), applicantA: 403, applicantB: 403 },
  deleteOperationalIntentReference: { ...only(OPERATORS), applicantA: 403, applicantB: 403 },
  allocateVertiportSlot: { ...only(OPERATORS), applicantA: 403, applicantB: 403 },

  // telemetry: a signed-in operator's token with the ingest scope
  postTelemetry: only(OPERATORS),
};

/** Operations that need a browser session: the matrix calls them with session cookies; API tokens get 403. */
const SESSION_ONLY = [
  'changePassword',
  'listApiTokens',
  'createApiToken',
  'revokeApiToken',
  'listUsers',
  'createUser',
  'disableUser',
  'createOrganisation',
];
/** Called with a session cookie as well (signing out and who-am-I are about the browser session). */
const WITH_SESSION = new Set([...SESSION_ONLY, 'signOut', 'whoAmI']);

// --- the server, its principals, and the fixtures' owner: applicant A, so org A owns what fixtures store ---

const server = await startServer({
  as: 'anonymous',
  deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } },
});
afterAll(() => server.close());
const principals = await seedMatrixPrincipals(server);
// the identity fixtures sign their own users in (e.g. the user whose token revokeApiToken names)
const fixtureUsers = fixturePrincipals(server);
const ctx = fixtureContext(server.url, {
  // setup calls run as the matrix admin; plans and applications are created by applicant A
  setup: async () => principals.of.admin.token,
  owner: async () => principals.of.applicantA.token,
  auth: fixtureUsers.auth,
});

const OpenApiDoc = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string() }))),
});
interface DocOperation {
  operationId: string;
  method: string;
  path: string;
}
/** The operations an OpenAPI document lists. */
function documentOperations(doc: unknown): DocOperation[] {
  return Object.entries(OpenApiDoc.parse(doc).paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
    })),
  );
}
const docReply = await call(server.url, 'GET', '/api/openapi.json', { anonymous: true });
const docOperations = documentOperations(docReply.body);
// changing the password makes the matrix users' password stale: it runs last
const ordered = [
  ...docOperations.filter((o) => o.operationId !== 'changePassword'),
  ...docOperations.filter((o) => o.operationId === 'changePassword'),
];

// --- what a refused call must not change ---

async function storeFingerprint(store: Store): Promise<string> {
  const users = await store.accounts.listUsers();
  const tokens = await Promise.all(users.map((u) => store.accounts.listApiTokens(u.id)));
  const apps = await store.applications.list();
  return JSON.stringify({
    plans: (await store.plans.list({ limit: 1_000_000 })).map((p) => `${p.id}@${p.revision}`),
    drafts: (await store.drafts.list()).map((d) => d.id),
    layers: (await store.zoneLayers.list()).map((l) => l.id),
    permissions: (await store.permissions.list()).map((p) => JSON.stringify(p)),
    applications: apps.map((a) => `${a.id}:${a.state}@${a.updatedAt}`),
    intents: (await store.intents.list()).map((i) => JSON.stringify(i)),
    slots: (await store.vertiportSlots.list()).map((s) => JSON.stringify(s)),
    users: users.map((u) => `${u.id}:${u.disabled}`),
    organisations: (await store.accounts.listOrganisations()).map((o) => o.id),
    tokens: tokens.flat().map((t) => `${t.id}:${t.revokedAt}`),
    audit: (await store.audit.list({ limit: 1_000_000 })).length,
  });
}

const ErrorCodeOf = z.object({ error: z.object({ code: z.string() }) });
const CODE: Record<401 | 403 | 404, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

/** Why a reply does not meet an outcome, or undefined when it does. */
function mismatch(outcome: Outcome, status: number, body: unknown): string | undefined {
  if (outcome === 'ok') return status >= 200 && status < 300 ? undefined : `expected 2xx, got ${status}`;
  if (outcome === 'handled')
    return (status >= 200 && status < 300) || [400, 404, 409].includes(status)
      ? undefined
      : `expected 2xx or a handler's 400/404/409, got ${status}`;
  if (status !== outcome) return `expected ${outcome}, got ${status}`;
  const code = ErrorCodeOf.safeParse(body);
  if (!code.success || code.data.error.code !== CODE[outcome]) return `expected code ${CODE[outcome]}`;
  return undefined;
}

/** One call of `op` as `credentials` with a fresh valid request; refused calls must change nothing. */
async function attempt(op: DocOperation, credentials: Record<string, string>, outcome: Outcome) {
  const fixture = operationFixtures[op.operationId];
  if (!fixture) return `no fixture for ${op.operationId}`;
  const req: FixtureRequest = await fixture.prepare(ctx);
  const refused = typeof outcome === 'number';
  const before = refused ? await storeFingerprint(server.store) : '';
  const reply = await sendFixture(server.url, op.method, op.path, req, credentials);
  const wrong = mismatch(outcome, reply.status, reply.body);
  if (wrong) return `${wrong}: ${reply.text.slice(0, 200)}`;
  if (refused && (await storeFingerprint(server.store)) !== before)
    return `refused (${reply.status}) but the store changed`;
  return undefined;
}

describe('the authorization matrix: every operation × every principal', () => {
  it('the document lists the operations, and every one has an expectation (and no expectation is stale)', () => {
    const ids = docOperations.map((o) => o.operationId);
    expect(ids.length).toBeGreaterThan(60);
    expect(missingFixtures(ids, EXPECTATIONS)).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('an operation planted in the document without an expectation fails the coverage check', () => {
    const doc = z.looseObject({ paths: z.record(z.string(), z.unknown()) }).parse(docReply.body);
    const planted = {
      ...doc,
      paths: { ...doc.paths, '/api/planted': { post: { operationId: 'plantedOperation', responses: {} } } },
    };
    const ids = documentOperations(planted).map((o) => o.operationId);
    expect(missingFixtures(ids, EXPECTATIONS)).toEqual(['plantedOperation']);
  });

  it('the "nothing changed" check sees a write (an allowed createPlan and an audit entry)', async () => {
    const before = await storeFingerprint(server.store);
    const op = docOperations.find((o) => o.operationId === 'createPlan');
    if (!op) throw new Error('no createPlan in the document');
    expect(await attempt(op, principals.of.applicantA.token, 'ok')).toBeUndefined();
    expect(await storeFingerprint(server.store)).not.toBe(before);
  });

  it.each(SESSION_ONLY)('%s refuses API tokens (403), even an admin’s, and changes nothing', async (operationId) => {
    const op = docOperations.find((o) => o.operationId === operationId);
    expect(op, `${operationId} is not in the document`).toBeDefined();
    if (!op) return;
    for (const who of ['admin', 'applicantA'] as const) {
      expect(await attempt(op, principals.of[who].token, 403), `${who} by API token`).toBeUndefined();
    }
  });

  it.each(ordered.map((o) => [o.operationId, o] as const))('%s', async (operationId, op) => {
    const row = EXPECTATIONS[operationId];
    expect(row, `no expectation for ${operationId} in test/auth/matrix.test.ts`).toBeDefined();
    if (!row) return;
    const problems: string[] = [];
    for (const who of WHO) {
      const credentials = WITH_SESSION.has(operationId) ? await principals.session(who) : principals.of[who].token;
      const wrong = await attempt(op, credentials, row[who]);
      if (wrong) problems.push(`${who} (${row[who]}): ${wrong}`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Operational intents belong to the USS that manages them (not to an organisation in the policy table): only the
 * manager, or the regulator, may move or end one, or book a vertiport slot for it.
 */
describe('operational intents: only their manager (or the regulator) moves them', () => {
  it("applicant B cannot end or transition applicant A's intent, nor book a slot for it; the regulator can end it", async () => {
    const id = ctx.unique('matrix-intent');
    const put = await call(server.url, 'PUT', `/api/uss/v1/operational_intent_references/${id}`, {
      json: { operator: 'Org A', plan: routePlan('2027-06-01T02:00:00Z') },
      headers: principals.of.applicantA.token,
    });
    expect(put.status).toBe(201);
    const del = await call(server.url, 'DELETE', `/api/uss/v1/operational_intent_references/${id}`, {
      headers: principals.of.applicantB.token,
    });
    expect(del.status).toBe(403);
    const moved = await call(server.url, 'POST', `/api/uss/v1/operational_intent_references/${id}/state`, {
      json: { state: 'Activated' },
      headers: principals.of.applicantB.token,
    });
    expect(moved.status).toBe(403);
    const ended = await call(server.url, 'DELETE', `/api/uss/v1/operational_intent_references/${id}`, {
      headers: principals.of.regulator.token,
    });
    expect(ended.status).toBe(200);
  });
});
