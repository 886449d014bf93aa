import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FindingOpened,
  type IntentContingentEvent,
  PROTOCOL_VERSION,
  type SessionInfo,
  type Snapshot,
} from '../../rules/src/protocol/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { type Client, flush, record, request, until } from '../realtime/harness.js';
import { call, type ErrorReply, startServer, type TestServer } from '../server/helpers.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { BASE, type IntentReply, routePlan, T0 } from './helpers.js';

/**
 * Issue 16 item 4: live conformance to operational intents. Operator A's aircraft leaves its intent: the intent turns
 * Nonconforming at once, Contingent after the grace (params.yaml conformance.graceS), and operator B, whose intent
 * intersects A's, is told over socket.io; operator C, whose intent is hours later, is not; C's own aircraft flies
 * inside its intent and the intent stays Activated. Telemetry declares the intent it flies (`intentId`).
 */

const ticks = manualTickSource();
let s: TestServer;
const ops: Record<'a' | 'b' | 'c', { headers: Record<string, string>; socket?: Client }> = {
  a: { headers: {} },
  b: { headers: {} },
  c: { headers: {} },
};
const logs: Record<string, { event: string; payload: unknown }[]> = {};
let sessionId = '';
const GRACE_S = 30;

interface Corridor {
  start: { lat: number; lng: number };
  end: { lat: number; lng: number };
}
interface VolumeReply {
  volume: { outline_corridor: Corridor };
  time_start: { value: string };
}

async function socketOf(headers: Record<string, string>): Promise<Client> {
  const socket: Client = connect(s.url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const put = (who: keyof typeof ops, id: string, body: unknown) =>
  call<IntentReply & { operational_intent: { details: { volumes: VolumeReply[] } } }>(s.url, 'PUT', `${BASE}/${id}`, {
    json: body,
    headers: ops[who].headers,
  });
const stateOf = async (id: string) =>
  (await call<IntentReply>(s.url, 'GET', `${BASE}/${id}`, { headers: ops.a.headers })).body.operational_intent_reference
    .state;

/** The store catches up with the live monitor asynchronously: poll (bounded) until the state is reached. */
async function reaches(id: string, state: string): Promise<string> {
  let now = '';
  for (let i = 0; i < 200; i++) {
    now = await stateOf(id);
    if (now === state) return now;
    await new Promise((r) => setTimeout(r, 10));
  }
  return now;
}

function telemetry(who: keyof typeof ops, samples: Record<string, unknown>[]) {
  return call<Record<string, unknown>>(s.url, 'POST', '/api/telemetry', {
    json: samples.map((x) => ({ altRef: 'AGL', sessionId, ...x })),
    headers: ops[who].headers,
  });
}

/** A point on leg 1 (Cyberport → first fix, 100 m AGL) of an intent, `northDeg` north of its middle. */
function onLeg(v: VolumeReply, northDeg = 0) {
  const c = v.volume.outline_corridor;
  return { lon: (c.start.lng + c.end.lng) / 2, lat: (c.start.lat + c.end.lat) / 2 + northDeg, alt: 100 };
}

const contingentEvents = (who: string) =>
  logs[who].filter((m) => m.event === 'intent:contingent').map((m) => m.payload as IntentContingentEvent);
const conformanceFindings = (who: string) =>
  logs[who]
    .filter((m) => m.event === 'finding:opened')
    .map((m) => m.payload as FindingOpened)
    .filter((f) => f.finding.kind === 'intent-conformance');

let legA: VolumeReply;
let legC: VolumeReply;

beforeAll(async () => {
  s = await startServer({
    as: 'anonymous',
    deps: {
      realtime: { enabled: true, options: { tickSource: ticks, defaultScenarioId: null } },
      traffic: { now: () => Date.parse('2027-03-16T00:00:00Z') },
    },
  });
  for (const k of ['a', 'b', 'c'] as const) {
    const org = await seedOrganisation(s.store, `Operator ${k.toUpperCase()}`, 'operator');
    ops[k].headers = (await seedPrincipal(s.store, 'applicant', { orgId: org.id })).headers;
  }
  const a = await put('a', 'a-1', { operator: 'Alpha', plan: routePlan(T0) });
  expect(a.status).toBe(201);
  // B's medical delivery overlaps A's flight: accepted (A's intent yields), the two intents intersect
  const b = await put('b', 'b-1', { operator: 'Bravo', plan: routePlan(T0), priorityClass: 'medical-delivery' });
  expect(b.status).toBe(201);
  expect(b.body.findings?.map((f) => f.code)).toContain('traffic.deconfliction.lower-priority-conflict');
  // C flies the same route four hours later: no volume in common
  const c = await put('c', 'c-1', { operator: 'Charlie', plan: routePlan('2027-03-16T14:00:00+08:00') });
  expect(c.status).toBe(201);
  legA = a.body.operational_intent.details.volumes[1];
  legC = c.body.operational_intent.details.volumes[1];

  for (const k of ['a', 'b', 'c'] as const) {
    const socket = await socketOf(ops[k].headers);
    ops[k].socket = socket;
    logs[k] = record(socket);
  }
  const socket = ops.a.socket as Client;
  const made = await request<SessionInfo>(socket, 'session:create', {
    plans: [routePlan(T0)],
    autoplay: false,
    shared: true, // a multi-operator trial: every operator follows it
  });
  if (!made.ok) throw new Error(made.error.message);
  sessionId = made.data.id;
  await request(socket, 'session:join', { sessionId });
});

afterAll(async () => {
  for (const k of ['a', 'b', 'c'] as const) ops[k].socket?.disconnect();
  await s.close();
});

describe('live conformance to operational intents', () => {
  const tIn = () => Date.parse(legA.time_start.value) + 120_000;

  it('activates the intent of an aircraft flying inside it; a separation finding names both intents', async () => {
    const here = onLeg(legA);
    const r = await telemetry('a', [{ aircraftId: 'a-drone', intentId: 'a-1', time: tIn(), ...here }]);
    expect(r.status).toBe(200);
    // B's aircraft 10 m east, flying B's intent: closer than the 50 m minimum
    const near = { ...here, lon: here.lon + 0.0001 };
    expect((await telemetry('b', [{ aircraftId: 'b-drone', intentId: 'b-1', time: tIn(), ...near }])).status).toBe(200);
    ticks.pulse(1000);
    expect(await reaches('a-1', 'Activated')).toBe('Activated');
    expect(await reaches('b-1', 'Activated')).toBe('Activated');
    await flush(ops.a.socket as Client);
    const separation = logs.a
      .filter((m) => m.event === 'finding:opened')
      .map((m) => m.payload as FindingOpened)
      .find((f) => f.finding.kind === 'separation' && f.aircraftId === 'tm:a-drone');
    expect(separation).toMatchObject({ intentId: 'a-1', otherIntentId: 'b-1' });
    expect(conformanceFindings('a')).toEqual([]);
  });

  it("refuses telemetry declaring another operator's intent, naming the field", async () => {
    const r = await telemetry('c', [{ aircraftId: 'c-x', intentId: 'a-1', time: tIn(), ...onLeg(legA) }]);
    expect(r.status).toBe(400);
    expect((r.body as unknown as ErrorReply).error.issues?.[0].path).toEqual([0, 'intentId']);
  });

  it('outside: Nonconforming at once, Contingent after the grace; the intersecting operator is told, no other', async () => {
    const away = onLeg(legA, 0.02); // about 2.2 km north of the leg
    await telemetry('a', [{ aircraftId: 'a-drone', time: tIn() + 10_000, ...away }]);
    ticks.pulse(1000);
    expect(await reaches('a-1', 'Nonconforming')).toBe('Nonconforming');
    await flush(ops.a.socket as Client);
    expect(conformanceFindings('a').map((f) => [f.finding.code, f.intentId])).toEqual([
      ['traffic.conformance.nonconforming', 'a-1'],
    ]);
    expect(contingentEvents('b')).toEqual([]);

    await telemetry('a', [{ aircraftId: 'a-drone', time: tIn() + 10_000 + GRACE_S * 1000, ...away }]);
    ticks.pulse(1000);
    const b = ops.b.socket as Client;
    await until(b, () => contingentEvents('b').length > 0, 'intent:contingent at operator B');
    expect(contingentEvents('b')).toEqual([
      expect.objectContaining({
        intentId: 'a-1',
        operator: 'Alpha',
        aircraftId: 'tm:a-drone',
        affectedIntentIds: ['b-1'],
      }),
    ]);
    expect(await stateOf('a-1')).toBe('Contingent');
    await flush(ops.a.socket as Client);
    await flush(ops.c.socket as Client);
    expect(contingentEvents('a').map((e) => e.affectedIntentIds)).toEqual([[]]); // its own operator hears too
    expect(contingentEvents('c')).toEqual([]);
    expect(conformanceFindings('a').map((f) => f.finding.code)).toEqual([
      'traffic.conformance.nonconforming',
      'traffic.conformance.contingent',
    ]);
    expect(await stateOf('b-1')).toBe('Activated');
    // a viewer joining now sees the open conformance finding, linked to its intent
    const joined = record(b);
    await request(b, 'session:join', { sessionId });
    await flush(b);
    const snap = joined.find((m) => m.event === 'session:snapshot')?.payload as Snapshot | undefined;
    expect(snap?.findings.filter((f) => f.finding.kind === 'intent-conformance')).toEqual([
      expect.objectContaining({ aircraftId: 'tm:a-drone', intentId: 'a-1' }),
    ]);
  });

  it('a conforming aircraft keeps its intent Activated', async () => {
    const t = Date.parse(legC.time_start.value) + 120_000;
    const p = onLeg(legC);
    for (const [i, dt] of [0, 10_000, 40_000, 90_000].entries()) {
      // along the leg, a few metres at a time
      await telemetry('c', [{ aircraftId: 'c-drone', intentId: 'c-1', time: t + dt, ...p, lon: p.lon - i * 0.0001 }]);
      ticks.pulse(1000);
    }
    expect(await reaches('c-1', 'Activated')).toBe('Activated');
    await flush(ops.c.socket as Client);
    expect(await stateOf('c-1')).toBe('Activated');
    expect(contingentEvents('c')).toEqual([]);
  });
});
