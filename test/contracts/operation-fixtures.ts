import { call, type Reply } from '../server/helpers.js';
import { basePlan, tfrLayer } from '../server/plans.js';
import { circleArea, routePlan } from '../traffic-api/helpers.js';
import { applicationContent } from '../workflow/fixtures.js';
import { type FixtureAuth, identityFixtures } from './auth-fixtures.js';

/**
 * One valid request per operationId of the HTTP API, for tests that call every operation: the response
 * contract test (responses.test.ts) and, later, an authorization matrix. A fixture sets up what its call
 * needs through `ctx.call` (e.g. stores a plan first) and returns the request; the caller sends it to the
 * operation's own path and method as the OpenAPI document names them. Every fixture returns a fresh request
 * (new ids), so fixtures can run in any order, more than once, against one server.
 */
export interface FixtureRequest {
  /** path parameters, by name (`{id}` in the OpenAPI path) */
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export interface FixtureReply {
  status: number;
  body: unknown;
}

export interface FixtureContext {
  /** a setup call (as a principal allowed to do everything); fails the fixture unless it answers 2xx */
  call(method: string, path: string, req?: Omit<FixtureRequest, 'params'>): Promise<FixtureReply>;
  /** a new id with this prefix, unique within the run */
  unique(prefix: string): string;
  /**
   * Credentials (headers) of the principal that owns what fixtures store for an organisation (plans,
   * applications): an applicant of an operator organisation. Setup calls pass them as `headers`.
   */
  owner(): Promise<Record<string, string>>;
  /** signed-in principals, for the identity operations */
  auth: FixtureAuth;
}

export interface OperationFixture {
  /** the 2xx status the valid request answers with */
  status: number;
  prepare(ctx: FixtureContext): Promise<FixtureRequest>;
}

/** Reads one field of a setup reply (the fixtures know the shapes; a wrong one fails the fixture loudly). */
function field(body: unknown, ...path: (string | number)[]): string {
  let v: unknown = body;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) throw new Error(`setup reply has no ${path.join('.')}`);
    v = Reflect.get(v, k);
  }
  if (typeof v !== 'string') throw new Error(`setup reply: ${path.join('.')} is not a string`);
  return v;
}

/** A built-in draft (read-only) and its JSON, as the server serves them. */
async function builtinDraft(ctx: FixtureContext): Promise<{ id: string; draft: Record<string, unknown> }> {
  const list = await ctx.call('GET', '/api/drafts');
  const items = Array.isArray(list.body) ? list.body : [];
  const builtin = items.find((d) => typeof d === 'object' && d !== null && Reflect.get(d, 'source') === 'builtin');
  const id = field(builtin, 'id');
  const got = await ctx.call('GET', `/api/drafts/${encodeURIComponent(id)}`);
  const draft = Reflect.get(got.body as object, 'draft');
  if (typeof draft !== 'object' || draft === null) throw new Error('setup: the draft has no body');
  return { id, draft: { ...draft } };
}

async function storedDraft(ctx: FixtureContext): Promise<{ id: string; draft: Record<string, unknown> }> {
  const { draft } = await builtinDraft(ctx);
  const id = ctx.unique('contract-draft');
  await ctx.call('POST', '/api/drafts', { json: { ...draft, id } });
  return { id, draft: { ...draft, id } };
}

/** A plan stored by the owner (so it belongs to the owner's organisation). */
async function storedPlan(ctx: FixtureContext): Promise<string> {
  const r = await ctx.call('POST', '/api/plans', {
    json: basePlan({ name: ctx.unique('contract plan') }),
    headers: await ctx.owner(),
  });
  return field(r.body, 'id');
}

/** A draft application of the owner's organisation. */
async function storedApplication(ctx: FixtureContext): Promise<string> {
  const r = await ctx.call('POST', '/api/applications', {
    json: applicationContent({ title: ctx.unique('contract application') }),
    headers: await ctx.owner(),
  });
  return field(r.body, 'application', 'id');
}

/** A route file (GeoJSON) and the plan template, as the plan import form takes them. */
function planUpload(): FormData {
  const { route, ...template } = basePlan();
  const form = new FormData();
  form.set('template', JSON.stringify(template));
  form.set('options', JSON.stringify({ defaultSpeed: { value: 10, unit: 'm/s' } }));
  form.set('file', new Blob([JSON.stringify({ type: 'Feature', properties: {}, geometry: route })]), 'route.geojson');
  return form;
}

async function firstId(ctx: FixtureContext, path: string, key = 'id'): Promise<string> {
  const r = await ctx.call('GET', path);
  return field(Array.isArray(r.body) ? r.body[0] : undefined, key);
}

async function someRulebook(ctx: FixtureContext): Promise<string> {
  return firstId(ctx, '/api/rulebooks');
}

/** Stored permissions: the first one as JSON, to copy from. */
async function somePermission(ctx: FixtureContext): Promise<{ id: string; permission: Record<string, unknown> }> {
  const r = await ctx.call('GET', '/api/permissions');
  const first = Array.isArray(r.body) ? r.body[0] : undefined;
  const permission = Reflect.get(first as object, 'permission');
  if (typeof permission !== 'object' || permission === null) throw new Error('setup: no permission');
  return { id: field(first, 'id'), permission: { ...permission } };
}

async function importedLayer(ctx: FixtureContext): Promise<string> {
  const id = ctx.unique('contract-layer');
  await ctx.call('POST', '/api/zones/import', { query: { format: 'geojson', id }, json: tfrLayer(`${id}-zone`) });
  return id;
}

/** Intents fly the Cyberport → Cheung Chau route, each on its own future day so they never conflict. */
let intentDay = 0;
function intentStart(): string {
  intentDay += 1;
  const day = new Date(Date.UTC(2027, 2, 16 + intentDay, 2, 0, 0));
  return day.toISOString().replace('.000Z', 'Z');
}

async function acceptedIntent(ctx: FixtureContext): Promise<{ id: string; start: string }> {
  const id = ctx.unique('contract-intent');
  const start = intentStart();
  await ctx.call('PUT', `/api/uss/v1/operational_intent_references/${id}`, {
    json: { operator: 'Contract', plan: routePlan(start) },
  });
  return { id, start };
}

/** a sample of a new aircraft each time: an aircraft belongs to the first source that reports it */
const telemetrySample = (aircraftId: string) => ({
  aircraftId,
  time: Date.parse('2026-03-02T10:00:00+08:00'),
  lon: 114.07,
  lat: 22.4,
  alt: 60,
  altRef: 'AGL',
});

const none = async (): Promise<FixtureRequest> => ({});

export const operationFixtures: Record<string, OperationFixture> = {
  // meta
  health: { status: 200, prepare: none },
  readiness: { status: 200, prepare: none },
  openapi: { status: 200, prepare: none },
  docs: { status: 200, prepare: none },
  listAudit: { status: 200, prepare: async () => ({ query: { limit: '20' } }) },
  listScenarios: { status: 200, prepare: none },
  getScenario: { status: 200, prepare: async (ctx) => ({ params: { id: await firstId(ctx, '/api/scenarios') } }) },
  // check and plans
  check: { status: 200, prepare: async () => ({ json: { plan: basePlan() } }) },
  listPlans: { status: 200, prepare: async () => ({ query: { limit: '50' } }) },
  createPlan: { status: 201, prepare: async (ctx) => ({ json: basePlan({ name: ctx.unique('contract plan') }) }) },
  getPlan: { status: 200, prepare: async (ctx) => ({ params: { id: await storedPlan(ctx) } }) },
  updatePlan: {
    status: 200,
    prepare: async (ctx) => ({ params: { id: await storedPlan(ctx) }, json: basePlan({ name: 'renamed' }) }),
  },
  deletePlan: { status: 204, prepare: async (ctx) => ({ params: { id: await storedPlan(ctx) } }) },
  checkStoredPlan: { status: 200, prepare: async (ctx) => ({ params: { id: await storedPlan(ctx) }, json: {} }) },
  importPlanFile: { status: 200, prepare: async () => ({ form: planUpload() }) },
  listPlanReports: {
    status: 200,
    prepare: async (ctx) => {
      const id = await storedPlan(ctx);
      await ctx.call('POST', `/api/plans/${id}/check`, { json: {}, headers: await ctx.owner() });
      return { params: { id } };
    },
  },
  // rulebooks and drafts
  listRulebooks: { status: 200, prepare: none },
  getRulebook: { status: 200, prepare: async (ctx) => ({ params: { id: await someRulebook(ctx) } }) },
  diffRulebooks: {
    status: 200,
    prepare: async (ctx) => {
      const { id } = await builtinDraft(ctx);
      return { query: { a: await someRulebook(ctx), b: `draft:${id}` } };
    },
  },
  listDrafts: { status: 200, prepare: none },
  createDraft: {
    status: 201,
    prepare: async (ctx) => ({ json: { ...(await builtinDraft(ctx)).draft, id: ctx.unique('contract-draft') } }),
  },
  validateDraft: { status: 200, prepare: async (ctx) => ({ json: (await builtinDraft(ctx)).draft }) },
  getDraft: { status: 200, prepare: async (ctx) => ({ params: { id: (await storedDraft(ctx)).id } }) },
  updateDraft: {
    status: 200,
    prepare: async (ctx) => {
      const { id, draft } = await storedDraft(ctx);
      return { params: { id }, json: draft };
    },
  },
  deleteDraft: { status: 204, prepare: async (ctx) => ({ params: { id: (await storedDraft(ctx)).id } }) },
  // impact
  startImpact: {
    status: 202,
    prepare: async (ctx) => ({ json: { draft: (await builtinDraft(ctx)).id, corpus: { plans: [basePlan()] } } }),
  },
  getJob: {
    status: 200,
    prepare: async (ctx) => {
      const started = await ctx.call('POST', '/api/impact', {
        json: { draft: (await builtinDraft(ctx)).id, corpus: { plans: [basePlan(), basePlan({ name: 'second' })] } },
      });
      const id = field(started.body, 'jobId');
      // follow the job to its end, so the reply carries its summary and results
      for (let polls = 0; polls < 600; polls++) {
        const job = await ctx.call('GET', `/api/jobs/${id}`, { query: { results: 'none' } });
        if (['done', 'failed'].includes(field(job.body, 'status'))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { params: { id }, query: { results: 'all' } };
    },
  },
  // batch scenario runs
  startScenarioBatch: {
    status: 202,
    prepare: async (ctx) => ({ json: { scenarios: [await firstId(ctx, '/api/scenarios')], seed: 7 } }),
  },
  // examples
  listExamples: { status: 200, prepare: none },
  getExample: {
    status: 200,
    prepare: async (ctx) => ({ params: { key: await firstId(ctx, '/api/examples', 'key') } }),
  },
  // zones
  listZones: { status: 200, prepare: async () => ({ query: { display: '1', bbox: '113.9,22.3,114.2,22.5' } }) },
  listZoneLayers: { status: 200, prepare: none },
  groundHeights: { status: 200, prepare: async () => ({ json: { points: [[114.1095, 22.3964]] } }) },
  importZones: {
    status: 201,
    prepare: async (ctx) => {
      const id = ctx.unique('contract-layer');
      return { query: { format: 'geojson', id }, json: tfrLayer(`${id}-zone`) };
    },
  },
  exportZones: { status: 200, prepare: async () => ({ query: { format: 'geojson', layer: 'catalogue' } }) },
  deleteZoneLayer: { status: 204, prepare: async (ctx) => ({ params: { id: await importedLayer(ctx) } }) },
  // permissions
  listPermissions: { status: 200, prepare: none },
  createPermission: {
    status: 201,
    prepare: async (ctx) => ({ json: { ...(await somePermission(ctx)).permission, id: ctx.unique('contract-perm') } }),
  },
  getPermission: { status: 200, prepare: async (ctx) => ({ params: { id: (await somePermission(ctx)).id } }) },
  updatePermission: {
    status: 200,
    prepare: async (ctx) => {
      const { permission } = await somePermission(ctx);
      const id = ctx.unique('contract-perm');
      await ctx.call('POST', '/api/permissions', { json: { ...permission, id } });
      return { params: { id }, json: { ...permission, id } };
    },
  },
  // live
  postTelemetry: { status: 200, prepare: async (ctx) => ({ json: [telemetrySample(ctx.unique('contract-ext'))] }) },
  // traffic: operational intents and vertiport slots
  putOperationalIntentReference: {
    status: 201,
    prepare: async (ctx) => ({
      params: { entityid: ctx.unique('contract-intent') },
      json: { operator: 'Contract', plan: routePlan(intentStart()) },
    }),
  },
  getOperationalIntentReference: {
    status: 200,
    prepare: async (ctx) => ({ params: { entityid: (await acceptedIntent(ctx)).id } }),
  },
  queryOperationalIntentReferences: {
    status: 200,
    prepare: async (ctx) => {
      const { start } = await acceptedIntent(ctx);
      const end = new Date(Date.parse(start) + 3_600_000).toISOString();
      return { json: { area_of_interest: circleArea(114.1298, 22.2606, 2000, start, end) } };
    },
  },
  transitionOperationalIntent: {
    status: 200,
    prepare: async (ctx) => ({ params: { entityid: (await acceptedIntent(ctx)).id }, json: { state: 'Activated' } }),
  },
  deleteOperationalIntentReference: {
    status: 200,
    prepare: async (ctx) => ({ params: { entityid: (await acceptedIntent(ctx)).id } }),
  },
  allocateVertiportSlot: {
    status: 201,
    prepare: async (ctx) => {
      const { id, start } = await acceptedIntent(ctx);
      // the St John Hospital pad (Cheung Chau) at the end of the flight
      const at = new Date(Date.parse(start) + 12.5 * 60_000).toISOString();
      return { params: { id: 'VP-CCH' }, json: { intentId: id, movement: 'arrival', at } };
    },
  },
  listVertiportSlots: { status: 200, prepare: async () => ({ params: { id: 'VP-CCH' } }) },
  getTrafficNetwork: { status: 200, prepare: async () => ({}) },
  // sandbox applications: the owner's organisation's, created and moved by its applicant
  listApplications: { status: 200, prepare: async (ctx) => ({ headers: await ctx.owner() }) },
  createApplication: {
    status: 201,
    prepare: async (ctx) => ({
      json: applicationContent({ title: ctx.unique('contract application') }),
      headers: await ctx.owner(),
    }),
  },
  getApplication: { status: 200, prepare: async (ctx) => ({ params: { id: await storedApplication(ctx) } }) },
  applicationTimeline: { status: 200, prepare: async (ctx) => ({ params: { id: await storedApplication(ctx) } }) },
  reviseApplication: {
    status: 201,
    prepare: async (ctx) => ({
      params: { id: await storedApplication(ctx) },
      json: applicationContent({ title: ctx.unique('revised application') }),
      headers: await ctx.owner(),
    }),
  },
  transitionApplication: {
    status: 200,
    prepare: async (ctx) => ({
      params: { id: await storedApplication(ctx) },
      json: { action: 'submit', comment: 'ready for review' },
      headers: await ctx.owner(),
    }),
  },
  // accounts, sessions and tokens (auth-fixtures.ts)
  ...identityFixtures(),
};

/** Operations of an OpenAPI document that have no fixture: the contract test fails while any remain. */
export function missingFixtures(operationIds: readonly string[], fixtures: Record<string, unknown>): string[] {
  return operationIds.filter((id) => !Object.hasOwn(fixtures, id));
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);
/** Whether headers carry credentials (a bearer token or a session cookie). */
export const hasCredentials = (headers: Record<string, string> = {}) =>
  Object.keys(headers).some((k) => CREDENTIAL_HEADERS.has(k.toLowerCase()));
const withoutCredentials = (headers: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));

/**
 * Sends a fixture's request to an operation as the OpenAPI document names it (`/api/plans/{id}`, `GET`).
 * `as` (a principal's credentials; `{}` for none) replaces the credentials the fixture carries; without it the
 * fixture's own are sent (none: whatever `call` sends by default).
 */
export function sendFixture(
  baseUrl: string,
  method: string,
  openApiPath: string,
  req: FixtureRequest,
  as?: Record<string, string>,
): Promise<Reply<unknown>> {
  const filled = openApiPath.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = req.params?.[name];
    if (v === undefined) throw new Error(`the fixture gives no path parameter ${name}`);
    return encodeURIComponent(v);
  });
  const qs = new URLSearchParams(req.query).toString();
  return call<unknown>(baseUrl, method.toUpperCase(), qs ? `${filled}?${qs}` : filled, {
    json: req.json,
    raw: req.form,
    headers: as ? { ...withoutCredentials(req.headers), ...as } : req.headers,
    anonymous: as !== undefined && !hasCredentials(as),
  });
}

/**
 * The context fixtures set up with: setup calls send their own credentials, else `setup()`'s (a principal
 * allowed to do everything); fresh ids; the owner and signed-in principals of `principals`.
 */
export function fixtureContext(
  baseUrl: string,
  principals: {
    setup: () => Promise<Record<string, string>>;
    owner(): Promise<Record<string, string>>;
    auth: FixtureAuth;
  },
): FixtureContext {
  let counter = 0;
  return {
    unique: (prefix) => `${prefix}-${++counter}`,
    owner: () => principals.owner(),
    auth: principals.auth,
    async call(method, path, req = {}) {
      const as = hasCredentials(req.headers) ? undefined : await principals.setup();
      const reply = await sendFixture(baseUrl, method, path, req, as);
      if (reply.status < 200 || reply.status > 299)
        throw new Error(`fixture setup ${method} ${path} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
      return reply;
    },
  };
}
