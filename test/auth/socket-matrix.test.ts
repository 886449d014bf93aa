import fs from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  SessionInfo,
  TELEMETRY_NAMESPACE,
  type TelemetryClientEvents,
} from '../../rules/src/protocol/index.js';
import { socketPolicy } from '../../server/src/auth/access-policy.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { call, sharedData, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { byWho, type MatrixPrincipals, seedMatrixPrincipals, WHO, type Who } from './matrix-principals.js';

/**
 * Socket events are covered like the HTTP operations (issue 12): every client event × the six principals of
 * the HTTP matrix, over a real app with realtime on, each socket authenticated at the handshake by its API
 * token (`Authorization: Bearer …` in the handshake headers). The table is written by hand, not read from
 * the server's socketPolicy; a client event without a row fails type-checking (`satisfies` below) and the
 * test (rows vs the events the server polices).
 *
 * Outcomes: `ok` (the ack is ok), or the ack's error code: `unauthorized` (anonymous where a principal is
 * needed), `forbidden` (wrong role; or a session that is not the caller's to control), `not_found` (another's job).
 */
type SocketOutcome = 'ok' | 'unauthorized' | 'forbidden' | 'not_found';
type Row = Record<Who, SocketOutcome>;

const everyone: Row = byWho(() => 'ok');
function only(allowed: readonly Who[], anonymous: SocketOutcome = 'unauthorized'): Row {
  return byWho((w) => (allowed.includes(w) ? 'ok' : w === 'anonymous' ? anonymous : 'forbidden'));
}

const SOCKET_EXPECTATIONS = {
  hello: everyone,
  // watching the live map, and running one's own sessions (budgets bound them), is open to everyone
  'session:list': everyone,
  'session:create': everyone,
  'session:join': everyone,
  'session:leave': everyone,
  // applicant A's session: its owner and the regulator (and admin) move its clock; anyone else is refused,
  // anonymous visitors too (with `forbidden`: the session is not theirs, signing in would not change that)
  'session:control': only(['applicantA', 'regulator', 'admin'], 'forbidden'),
  // as GET /api/jobs/:id: every job to the regulator; an operator only its own (a large plan upload), so the
  // regulator's impact run is, to an applicant, a job that does not exist
  'job:subscribe': { ...only(['regulator', 'admin']), applicantA: 'not_found', applicantB: 'not_found' },
  // telemetry from an operator's token with the ingest scope
  telemetry: only(['applicantA', 'applicantB', 'regulator', 'admin']),
} satisfies Record<keyof ClientToServerEvents | keyof TelemetryClientEvents, Row>;
type SocketEvent = keyof typeof SOCKET_EXPECTATIONS;
const SOCKET_EVENTS = Object.keys(SOCKET_EXPECTATIONS).filter((e): e is SocketEvent =>
  Object.hasOwn(SOCKET_EXPECTATIONS, e),
);

let server: TestServer;
let principals: MatrixPrincipals;
const sockets: Socket[] = [];
/** the default live session, and the session applicant A created */
let liveSessionId = '';
let scenarioId: string | null = null;
let applicantSession = '';
let jobId = '';

async function open(headers: Record<string, string>, namespace = ''): Promise<Socket> {
  const c = connect(server.url + namespace, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: headers,
  });
  sockets.push(c);
  await new Promise<void>((resolve, reject) => {
    c.once('connect', resolve);
    c.once('connect_error', reject);
  });
  return c;
}

const AckReply = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
const outcomeOf = (ack: unknown): string => {
  const a = AckReply.parse(ack);
  return a.ok ? 'ok' : a.error.code;
};

/** The session's clock as everyone sees it (session:list). */
async function clockOf(sessionId: string) {
  const c = await open({});
  const ack = AckReply.parse(await c.emitWithAck('session:list', {}));
  if (!ack.ok) throw new Error('session:list refused');
  const info = z
    .array(SessionInfo)
    .parse(ack.data)
    .find((s) => s.id === sessionId);
  c.close();
  if (!info) throw new Error(`no session ${sessionId}`);
  return info.clock;
}

/** Sends one event as `who` (a fresh socket authenticated by its token), returns the ack's outcome. */
async function send(event: SocketEvent, who: Who): Promise<string> {
  const headers = principals.of[who].token;
  if (event === 'telemetry') {
    const c = await open(headers, TELEMETRY_NAMESPACE);
    const sample = {
      aircraftId: `matrix-${who}`,
      time: Date.parse('2026-03-02T10:00:00+08:00'),
      lon: 114.07,
      lat: 22.4,
      alt: 60,
      altRef: 'AGL',
    };
    return outcomeOf(await c.emitWithAck('telemetry', [sample]));
  }
  const c = await open(headers);
  switch (event) {
    case 'hello':
      return outcomeOf(await c.emitWithAck('hello', { protocolVersion: PROTOCOL_VERSION }));
    case 'session:list':
      return outcomeOf(await c.emitWithAck('session:list', {}));
    case 'session:create':
      return outcomeOf(
        await c.emitWithAck('session:create', {
          title: `matrix ${who}`,
          autoplay: false,
          ...(scenarioId ? { scenarioId } : {}),
        }),
      );
    case 'session:join':
      return outcomeOf(await c.emitWithAck('session:join', { sessionId: liveSessionId }));
    case 'session:leave':
      await c.emitWithAck('session:join', { sessionId: liveSessionId });
      return outcomeOf(await c.emitWithAck('session:leave', { sessionId: liveSessionId }));
    case 'session:control': {
      // a new speed each time: a refused control must leave the clock as it was, an allowed one moves it
      const before = await clockOf(applicantSession);
      const speed = before.speed === 2 ? 4 : 2;
      const outcome = outcomeOf(
        await c.emitWithAck('session:control', { sessionId: applicantSession, action: 'speed', speed }),
      );
      const after = await clockOf(applicantSession);
      if (outcome === 'ok' && after.speed !== speed) return `ok, but the speed is ${after.speed}, not ${speed}`;
      if (outcome !== 'ok' && after.speed !== before.speed) return `${outcome}, but the speed changed`;
      return outcome;
    }
    case 'job:subscribe':
      return outcomeOf(await c.emitWithAck('job:subscribe', { jobId }));
  }
}

beforeAll(async () => {
  server = await startServer({
    as: 'anonymous',
    deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } },
  });
  principals = await seedMatrixPrincipals(server);
  const hello = await open({});
  const greeting = AckReply.parse(await hello.emitWithAck('hello', { protocolVersion: PROTOCOL_VERSION }));
  if (!greeting.ok) throw new Error('hello refused');
  const Greeting = z.object({
    defaultSessionId: z.string().nullable(),
    sessions: z.array(z.object({ id: z.string(), scenarioId: z.string().nullable() })),
  });
  const parsed = Greeting.parse(greeting.data);
  liveSessionId = parsed.defaultSessionId ?? parsed.sessions[0]?.id ?? '';
  scenarioId = parsed.sessions.find((s) => s.id === liveSessionId)?.scenarioId ?? null;
  if (!liveSessionId) throw new Error('no live session to join');
  // applicant A's own session
  const a = await open(principals.of.applicantA.token);
  const created = AckReply.parse(
    await a.emitWithAck('session:create', {
      title: 'applicant A',
      autoplay: false,
      ...(scenarioId ? { scenarioId } : {}),
    }),
  );
  if (!created.ok) throw new Error(`applicant A could not create a session: ${created.error.message}`);
  applicantSession = SessionInfo.parse(created.data).id;
  // an impact job (the regulator's) to subscribe to
  const drafts = await call<{ id: string; source: string }[]>(server.url, 'GET', '/api/drafts', {
    headers: principals.of.admin.token,
  });
  const draft = drafts.body.find((d) => d.source === 'builtin');
  const started = await call<{ jobId: string }>(server.url, 'POST', '/api/impact', {
    json: { draft: draft?.id, corpus: { plans: [basePlan()] } },
    headers: principals.of.admin.token,
  });
  if (started.status !== 202) throw new Error(`no impact job: ${started.status} ${started.text}`);
  jobId = started.body.jobId;
});
afterAll(async () => {
  for (const c of sockets) c.close();
  await server?.close();
});

describe('the socket authorization matrix: every client event × every principal', () => {
  it('every event the server polices has a row, and every row an event', () => {
    expect(Object.keys(SOCKET_EXPECTATIONS).sort()).toEqual(Object.keys(socketPolicy).sort());
  });

  it.each(SOCKET_EVENTS)('%s', async (event) => {
    const row: Row = SOCKET_EXPECTATIONS[event];
    const problems: string[] = [];
    for (const who of WHO) {
      const got = await send(event, who);
      if (got !== row[who]) problems.push(`${who}: expected ${row[who]}, got ${got}`);
    }
    expect(problems).toEqual([]);
  });

  it('the handshake takes the session cookie too: applicant A signed in controls its own session', async () => {
    const c = await open(await principals.session('applicantA'));
    const speed = (await clockOf(applicantSession)).speed === 2 ? 4 : 2;
    const ack = await c.emitWithAck('session:control', { sessionId: applicantSession, action: 'speed', speed });
    expect(outcomeOf(ack)).toBe('ok');
    expect((await clockOf(applicantSession)).speed).toBe(speed);
  });

  it('an applicant follows its own large plan upload; another applicant finds no such job', async () => {
    const { route: _route, ...template } = basePlan();
    const form = new FormData();
    form.set('template', JSON.stringify(template));
    form.set(
      'options',
      JSON.stringify({ defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } }),
    );
    form.set('file', new Blob([fs.readFileSync(sharedData('gpx/route.gpx'))]), 'route.gpx');
    const started = await call<{ jobId: string }>(server.url, 'POST', '/api/plans?async=1', {
      raw: form,
      headers: principals.of.applicantA.token,
    });
    expect(started.status, started.text).toBe(202);
    const own = await open(principals.of.applicantA.token);
    const done = new Promise<{ jobId: string; ok: boolean; error?: unknown }>((resolve) => own.on('job:done', resolve));
    expect(outcomeOf(await own.emitWithAck('job:subscribe', { jobId: started.body.jobId }))).toBe('ok');
    expect(await done).toMatchObject({ jobId: started.body.jobId, ok: true });
    const other = await open(principals.of.applicantB.token);
    expect(outcomeOf(await other.emitWithAck('job:subscribe', { jobId: started.body.jobId }))).toBe('not_found');
  });

  it('a bad token refuses the connection at the handshake', async () => {
    await expect(open({ authorization: 'Bearer sua_pat_not-a-real-token' })).rejects.toThrow();
  });
});
