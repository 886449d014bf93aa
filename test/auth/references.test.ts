import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROTOCOL_VERSION, TELEMETRY_NAMESPACE } from '../../rules/src/protocol/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { applicationContent, envelope, highPlan } from '../workflow/fixtures.js';
import { byWho, type MatrixPrincipals, seedMatrixPrincipals, WHO, type Who } from './matrix-principals.js';

/**
 * What one principal owns, named by reference from another's request (issue 12): a regulator's stored draft as
 * `draft:<id>` (rulebook read, diff, check, a live session's rulebook), an organisation's plan id in a live
 * session, its approved permission declared in another's plan. Another principal gets exactly the answer for
 * an id that does not exist: nothing leaks, not even existence.
 */
let server: TestServer;
let principals: MatrixPrincipals;
const sockets: Socket[] = [];
const DRAFT = 'd-private-height';
const PERMISSION = 'p-org-a-trial';
let planId = '';
let rulebookId = '';

const seesDraft = byWho((w) => w === 'regulator' || w === 'admin');
const seesPlan = byWho((w) => w === 'applicantA' || w === 'regulator' || w === 'admin');

async function open(who: Who, namespace = ''): Promise<Socket> {
  const c = connect(server.url + namespace, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: principals.of[who].token,
  });
  sockets.push(c);
  await new Promise<void>((resolve, reject) => {
    c.once('connect', resolve);
    c.once('connect_error', reject);
  });
  return c;
}

const Ack = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
const outcome = (ack: unknown) => {
  const a = Ack.parse(ack);
  return a.ok ? 'ok' : a.error.code;
};

beforeAll(async () => {
  server = await startServer({
    as: 'anonymous',
    deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } },
  });
  principals = await seedMatrixPrincipals(server);
  const regulator = principals.of.regulator.token;
  const list = await call<{ id: string }[]>(server.url, 'GET', '/api/rulebooks');
  rulebookId = list.body.at(-1)?.id ?? '';
  const base = await call<{ rules: { id: string }[] }>(server.url, 'GET', `/api/rulebooks/${rulebookId}`);
  const draft = {
    id: DRAFT,
    title: 'Unpublished: withdraw a rule',
    base: rulebookId,
    changes: [{ op: 'withdraw-rule', rule: base.body.rules[0].id }],
  };
  const created = await call(server.url, 'POST', '/api/drafts', { json: draft, headers: regulator });
  if (created.status !== 201) throw new Error(`draft not stored: ${created.status} ${created.text}`);
  const plan = await call<{ id: string }>(server.url, 'POST', '/api/plans', {
    json: basePlan(),
    headers: principals.of.applicantA.token,
  });
  if (plan.status !== 201) throw new Error(`plan not stored: ${plan.status} ${plan.text}`);
  planId = plan.body.id;
  // organisation A's application, approved and active: its permission is A's
  const a = principals.of.applicantA.token;
  const cad = principals.of.regulator.token;
  const applied = await call<{ application: { id: string } }>(server.url, 'POST', '/api/applications', {
    json: applicationContent(),
    headers: a,
  });
  if (applied.status !== 201) throw new Error(`application not created: ${applied.status} ${applied.text}`);
  const id = applied.body.application.id;
  const steps: [Record<string, string>, object][] = [
    [a, { action: 'submit' }],
    [cad, { action: 'start-review' }],
    [cad, { action: 'approve', envelope: envelope(PERMISSION) }],
    [cad, { action: 'activate' }],
  ];
  for (const [headers, json] of steps) {
    const r = await call(server.url, 'POST', `/api/applications/${id}/transitions`, { json, headers });
    if (r.status !== 200) throw new Error(`transition refused: ${r.status} ${r.text}`);
  }
});
afterAll(async () => {
  for (const c of sockets) c.close();
  await server?.close();
});

describe("a regulator's stored draft is not readable by reference", () => {
  it.each(WHO)('GET /api/rulebooks/draft:<id> as %s', async (who) => {
    const headers = principals.of[who].token;
    const got = await call(server.url, 'GET', `/api/rulebooks/draft:${DRAFT}`, { headers });
    const missing = await call(server.url, 'GET', '/api/rulebooks/draft:no-such-draft', { headers });
    expect(missing.status).toBe(404);
    if (seesDraft[who]) expect(got.status).toBe(200);
    else expect([got.status, got.text.replace(DRAFT, 'no-such-draft')]).toEqual([missing.status, missing.text]);
  });

  it.each(WHO)('GET /api/diff?b=draft:<id> as %s', async (who) => {
    const headers = principals.of[who].token;
    const got = await call(server.url, 'GET', `/api/diff?a=${rulebookId}&b=draft:${DRAFT}`, { headers });
    expect(got.status).toBe(seesDraft[who] ? 200 : 404);
    if (!seesDraft[who]) expect(got.text).not.toContain('Unpublished');
  });

  it.each(WHO)('POST /api/check with rulebook draft:<id> as %s', async (who) => {
    const headers = principals.of[who].token;
    const check = (ref: string) =>
      call<{ rulebook?: { id: string } }>(server.url, 'POST', '/api/check', {
        json: { plan: basePlan(), rulebook: `draft:${ref}` },
        headers,
      });
    const got = await check(DRAFT);
    const missing = await check('no-such-draft');
    expect(missing.status).toBe(400);
    if (seesDraft[who]) expect(got.status).toBe(200);
    else expect([got.status, got.text.replaceAll(DRAFT, 'no-such-draft')]).toEqual([missing.status, missing.text]);
  });

  it.each(WHO)('session:create with rulebook {draftId} as %s', async (who) => {
    const c = await open(who);
    const ack = await c.emitWithAck('session:create', {
      title: 'draft ref',
      autoplay: false,
      plans: [basePlan()],
      rulebook: { draftId: DRAFT },
    });
    expect(outcome(ack)).toBe(seesDraft[who] ? 'ok' : 'not_found');
  });
});

describe("an organisation's stored plan is not loadable into another's live session", () => {
  it.each(WHO)('session:create {plans: [id]} as %s', async (who) => {
    const c = await open(who);
    const ack = await c.emitWithAck('session:create', { title: 'plan ref', autoplay: false, plans: [planId] });
    expect(outcome(ack)).toBe(seesPlan[who] ? 'ok' : 'not_found');
  });
});

describe("an organisation's stored plan is not the base of another's operational intent", () => {
  const mayPut = byWho((w) => w === 'applicantA' || w === 'applicantB' || w === 'regulator' || w === 'admin');
  it.each(WHO)('PUT an intent {planId} as %s', async (who) => {
    const id = `ref-intent-${who}`;
    const r = await call(server.url, 'PUT', `/api/uss/v1/operational_intent_references/${id}`, {
      json: { operator: `Operator ${who}`, planId },
      headers: principals.of[who].token,
    });
    if (!mayPut[who]) expect([401, 403]).toContain(r.status);
    else if (seesPlan[who]) expect(r.status, r.text).not.toBe(404);
    else {
      // exactly the answer for a plan that does not exist, and nothing stored
      expect(r.status, r.text).toBe(404);
      expect(r.text).toMatch(new RegExp(`plan .*${planId}.* not found`));
      const stored = await call(server.url, 'GET', `/api/uss/v1/operational_intent_references/${id}`, {
        headers: principals.of.regulator.token,
      });
      expect(stored.status).toBe(404);
    }
  });
});

describe("an organisation's approved permission is its own", () => {
  const seesPermission = seesPlan;

  it.each(WHO)('GET /api/permissions and /api/permissions/<id> as %s', async (who) => {
    const headers = principals.of[who].token;
    const list = await call<{ id: string }[]>(server.url, 'GET', '/api/permissions', { headers });
    const one = await call(server.url, 'GET', `/api/permissions/${PERMISSION}`, { headers });
    if (who === 'anonymous' || who === 'viewer') {
      expect([list.status, one.status]).toEqual(who === 'anonymous' ? [401, 401] : [403, 403]);
      return;
    }
    expect(list.status).toBe(200);
    // the seeded first-batch projects are public to every operator
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.some((p) => p.id === PERMISSION)).toBe(seesPermission[who]);
    expect(one.status).toBe(seesPermission[who] ? 200 : 404);
  });

  it.each(WHO)('a plan declaring it is covered only for its holder (and the regulator): %s', async (who) => {
    const r = await call<{ findings: { covered?: { permissionId: string } }[] }>(server.url, 'POST', '/api/check', {
      json: { ...highPlan(), permissions: [PERMISSION] },
      headers: principals.of[who].token,
    });
    expect(r.status).toBe(200);
    expect(r.body.findings.some((f) => f.covered?.permissionId === PERMISSION)).toBe(seesPermission[who]);
  });

  it.each(['applicantA', 'applicantB', 'regulator'] as const)('telemetry declaring it, sent by %s', async (who) => {
    const c = await open(who, TELEMETRY_NAMESPACE);
    const sample = {
      aircraftId: `declares-${who}`,
      time: Date.parse('2026-03-02T10:00:00+08:00'),
      lon: 114.07,
      lat: 22.4,
      alt: 60,
      altRef: 'AGL',
      profile: {
        aircraft: {
          model: 'Mavic 3',
          mass: { value: 895, unit: 'g' },
          maxDimensionM: 0.38,
          equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
          registration: 'SUA-123456',
          labelled: true,
        },
        pilot: { age: 30, registered: true, advancedRating: false },
        permissions: [PERMISSION],
      },
    };
    const ack = Ack.parse(await c.emitWithAck('telemetry', [sample]));
    if (seesPermission[who]) expect(ack.ok).toBe(true);
    else {
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error).toMatchObject({ code: 'invalid_payload' });
    }
  });
});

describe("a session flown from an organisation's plans is its owner's", () => {
  let privateSession = '';
  beforeAll(async () => {
    const c = await open('applicantA');
    const ack = Ack.parse(
      await c.emitWithAck('session:create', { title: 'A private', autoplay: false, plans: [planId] }),
    );
    if (!ack.ok) throw new Error(ack.error.message);
    privateSession = z.object({ id: z.string() }).parse(ack.data).id;
  });
  const seesSession = byWho((w) => w === 'applicantA' || w === 'regulator' || w === 'admin');

  it.each(WHO)('session:list, session:join, fork and control as %s', async (who) => {
    const c = await open(who);
    const listed = Ack.parse(await c.emitWithAck('session:list', {}));
    if (!listed.ok) throw new Error(listed.error.message);
    const ids = z
      .array(z.object({ id: z.string() }))
      .parse(listed.data)
      .map((s) => s.id);
    expect(ids.includes(privateSession)).toBe(seesSession[who]);
    const join = outcome(await c.emitWithAck('session:join', { sessionId: privateSession }));
    expect(join).toBe(seesSession[who] ? 'ok' : 'not_found');
    const fork = outcome(await c.emitWithAck('session:create', { fork: privateSession }));
    expect(fork).toBe(seesSession[who] ? 'ok' : 'not_found');
    const control = outcome(
      await c.emitWithAck('session:control', { sessionId: privateSession, action: 'speed', speed: 2 }),
    );
    expect(control).toBe(seesSession[who] ? 'ok' : 'not_found');
  });
});

describe('a session its owner shares', () => {
  it('is listed and followed by everyone (a multi-operator trial), and still controlled only by its owner', async () => {
    const a = await open('applicantA');
    const made = Ack.parse(
      await a.emitWithAck('session:create', { title: 'shared trial', autoplay: false, plans: [planId], shared: true }),
    );
    if (!made.ok) throw new Error(made.error.message);
    const id = z.object({ id: z.string() }).parse(made.data).id;
    const b = await open('applicantB');
    expect(outcome(await b.emitWithAck('session:join', { sessionId: id }))).toBe('ok');
    expect(outcome(await b.emitWithAck('session:control', { sessionId: id, action: 'play' }))).toBe('forbidden');
  });
});
