import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FindingOpened,
  PROTOCOL_VERSION,
  type SessionInfo,
  type TickBatch,
} from '../../rules/src/protocol/index.js';
import { createOrganisation } from '../../server/src/auth/accounts.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { addUser, PASSWORD, signIn, startAuthServer } from '../auth/helpers.js';
import { type Client, flush, record, request } from '../realtime/harness.js';
import { call, type TestServer } from '../server/helpers.js';
import { applicationContent, envelope, highPlan } from './fixtures.js';

const ticks = manualTickSource();
let s: TestServer;
const cookie = { alice: '', cad: '' };
let client: Client | undefined;

beforeAll(async () => {
  s = await startAuthServer({ realtime: { enabled: true, options: { tickSource: ticks, defaultScenarioId: null } } });
  const org = await createOrganisation(s.store, { actor: 'test' }, { name: 'Skyline', kind: 'operator' });
  await addUser(s.store, 'alice@skyline.hk', 'applicant', PASSWORD, org.id);
  await addUser(s.store, 'cad@cad.gov.hk', 'regulator', PASSWORD);
  cookie.alice = (await signIn(s.url, 'alice@skyline.hk', PASSWORD)).cookie ?? '';
  cookie.cad = (await signIn(s.url, 'cad@cad.gov.hk', PASSWORD)).cookie ?? '';
});
afterAll(async () => {
  client?.disconnect();
  await s.close();
});

async function move(id: string, who: keyof typeof cookie, body: Record<string, unknown>) {
  const r = await call(s.url, 'POST', `/api/applications/${id}/transitions`, {
    json: body,
    headers: { cookie: cookie[who] },
  });
  if (r.status !== 200) throw new Error(`${body.action}: ${r.status} ${r.text}`);
}

const heightOpened = (log: { event: string; payload: unknown }[]) =>
  log
    .filter((m) => m.event === 'finding:opened')
    .map((m) => m.payload as FindingOpened)
    .filter((f) => f.finding.trigger === 'height');

describe('revoking an application reaches the live map', () => {
  it('an aircraft flying under the permission gets a finding within the next tick', async () => {
    const created = await call<{ application: { id: string } }>(s.url, 'POST', '/api/applications', {
      json: applicationContent(),
      headers: { cookie: cookie.alice },
    });
    const id = created.body.application.id;
    await move(id, 'alice', { action: 'submit' });
    await move(id, 'cad', { action: 'start-review' });
    await move(id, 'cad', { action: 'approve', envelope: envelope('p-app-live') });
    await move(id, 'cad', { action: 'activate' });

    client = connect(s.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
    });
    const c = client;
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    const log = record(c);
    const plan = { ...highPlan(), id: 'high', permissions: ['p-app-live'] };
    const made = await request<SessionInfo>(c, 'session:create', { plans: [plan], autoplay: true });
    if (!made.ok) throw new Error(made.error.message);
    await request(c, 'session:join', { sessionId: made.data.id });
    for (let i = 0; i < 60; i++) ticks.pulse(1000);
    await flush(c);
    expect(heightOpened(log)).toEqual([]);
    const lastTick =
      log
        .filter((m) => m.event === 'tick')
        .map((m) => (m.payload as TickBatch).tick)
        .at(-1) ?? 0;

    await move(id, 'cad', { action: 'revoke', comment: 'breach of conditions' });
    ticks.pulse(1000);
    await flush(c);
    const opened = heightOpened(log);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened[0].tick).toBe(lastTick + 1);
  });
});
