import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationTimeline } from '../../rules/src/api/index.js';
import {
  type ApplicationTransitionEvent,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '../../rules/src/protocol/index.js';
import { createOrganisation } from '../../server/src/auth/accounts.js';
import { orgRoom, REGULATORS_ROOM } from '../../server/src/sockets/applications.js';
import { addUser, PASSWORD, signIn, startAuthServer } from '../auth/helpers.js';
import { call, type ErrorReply, type TestServer } from '../server/helpers.js';
import { applicationContent, envelope } from './fixtures.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let s: TestServer;
const cookies: Record<'alice' | 'bob' | 'cad', string> = { alice: '', bob: '', cad: '' };
let orgA = '';
const clients: Client[] = [];

beforeAll(async () => {
  s = await startAuthServer();
  const a = await createOrganisation(s.store, { actor: 'test' }, { name: 'Skyline', kind: 'operator' });
  const b = await createOrganisation(s.store, { actor: 'test' }, { name: 'Harbour Drones', kind: 'operator' });
  orgA = a.id;
  await addUser(s.store, 'alice@skyline.hk', 'applicant', PASSWORD, a.id);
  await addUser(s.store, 'bob@harbour.hk', 'applicant', PASSWORD, b.id);
  await addUser(s.store, 'cad@cad.gov.hk', 'regulator', PASSWORD);
  for (const [who, email] of [
    ['alice', 'alice@skyline.hk'],
    ['bob', 'bob@harbour.hk'],
    ['cad', 'cad@cad.gov.hk'],
  ] as const) {
    const { cookie } = await signIn(s.url, email, PASSWORD);
    if (!cookie) throw new Error(`${who} could not sign in`);
    cookies[who] = cookie;
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

const as = (who: keyof typeof cookies) => ({ headers: { cookie: cookies[who] } });

/** A socket in `room` (the lead wires joining by principal at the handshake; here the test joins it). */
async function listener(room: string): Promise<ApplicationTransitionEvent[]> {
  const c: Client = connect(s.url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  clients.push(c);
  await new Promise<void>((resolve, reject) => {
    c.on('connect', () => resolve());
    c.on('connect_error', reject);
  });
  s.app.io.in(c.id ?? '').socketsJoin(room);
  const got: ApplicationTransitionEvent[] = [];
  c.on('application:transition', (e) => got.push(e));
  return got;
}

/** Waits until `list` has `n` entries (events arrive asynchronously), failing after a while. */
async function until(list: unknown[], n: number): Promise<void> {
  for (let i = 0; i < 200 && list.length < n; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('sandbox applications over HTTP', () => {
  it('runs the workflow end to end: 404 for another organisation, 409 for an illegal move, events to both sides', async () => {
    const toOrg = await listener(orgRoom(orgA));
    const toRegulators = await listener(REGULATORS_ROOM);

    const created = await call<{ application: { id: string; state: string } }>(s.url, 'POST', '/api/applications', {
      json: applicationContent(),
      ...as('alice'),
    });
    expect(created.status).toBe(201);
    const id = created.body.application.id;
    expect(created.body.application.state).toBe('draft');

    expect((await call(s.url, 'GET', `/api/applications/${id}`, as('bob'))).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/applications/app-none', as('bob'))).status).toBe(404);
    expect((await call(s.url, 'GET', `/api/applications/${id}`, as('cad'))).status).toBe(200);
    expect((await call(s.url, 'GET', `/api/applications/${id}`)).status).toBe(401);
    const bobs = await call<{ id: string }[]>(s.url, 'GET', '/api/applications', as('bob'));
    expect(bobs.body.map((a) => a.id)).not.toContain(id);
    expect((await call(s.url, 'POST', '/api/applications', { json: applicationContent(), ...as('cad') })).status).toBe(
      403,
    );

    const move = (who: keyof typeof cookies, body: Record<string, unknown>) =>
      call<ErrorReply & { application: { state: string } }>(s.url, 'POST', `/api/applications/${id}/transitions`, {
        json: body,
        ...as(who),
      });
    const early = await move('cad', { action: 'approve', envelope: envelope('p-http') });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');
    expect(early.body.error.message).toMatch(/"draft".*approve|approve.*"draft"/);

    expect((await move('alice', { action: 'submit', comment: 'ready' })).body.application.state).toBe('submitted');
    expect((await move('cad', { action: 'start-review' })).status).toBe(200);
    const approved = await move('cad', { action: 'approve', envelope: envelope('p-http'), comment: 'with conditions' });
    expect(approved.status).toBe(200);
    expect((await move('cad', { action: 'activate' })).body.application.state).toBe('active');

    const timeline = await call<{ transitions: { action: string; actor: string }[] }>(
      s.url,
      'GET',
      `/api/applications/${id}/timeline`,
      as('alice'),
    );
    expect(timeline.body.transitions.map((t) => t.action)).toEqual(['submit', 'start-review', 'approve', 'activate']);
    expect(timeline.body.transitions[0].actor).toMatch(/^user:/);
    // who acted, as each reader may know it: the applicant sees its own organisation's emails, not the regulator's
    const [submitter, reviewer] = [timeline.body.transitions[0].actor, timeline.body.transitions[1].actor];
    expect(ApplicationTimeline.parse(timeline.body).actors).toEqual({
      [submitter]: { side: 'applicant', email: 'alice@skyline.hk' },
      [reviewer]: { side: 'regulator', email: null },
    });
    const byRegulator = await call(s.url, 'GET', `/api/applications/${id}/timeline`, as('cad'));
    expect(ApplicationTimeline.parse(byRegulator.body).actors).toEqual({
      [submitter]: { side: 'applicant', email: 'alice@skyline.hk' },
      [reviewer]: { side: 'regulator', email: 'cad@cad.gov.hk' },
    });

    await until(toOrg, 4);
    await until(toRegulators, 4);
    expect(toOrg.map((e) => e.to)).toEqual(['submitted', 'under-review', 'approved', 'active']);
    expect(toRegulators.map((e) => e.to)).toEqual(['submitted', 'under-review', 'approved', 'active']);
    expect(toOrg[2]).toMatchObject({ applicationId: id, orgId: orgA, action: 'approve', permissionId: 'p-http' });
  });
});

describe('the application list (the review queue)', () => {
  it("gives each application its current revision's verdicts, filters by state, pages, and names a bad query field", async () => {
    const make = async (content: ReturnType<typeof applicationContent>) => {
      const r = await call<{ application: { id: string }; revision: { checks: { verdict: string }[] } }>(
        s.url,
        'POST',
        '/api/applications',
        { json: content, ...as('alice') },
      );
      expect(r.status).toBe(201);
      return r.body;
    };
    const one = await make(applicationContent({ title: 'Listed one' }));
    const two = await make(applicationContent({ title: 'Listed two' }));
    await call(s.url, 'POST', `/api/applications/${two.application.id}/transitions`, {
      json: { action: 'submit' },
      ...as('alice'),
    });
    type Item = { id: string; state: string; verdict: string | null; checks: { verdict: string }[] };
    const list = await call<Item[]>(s.url, 'GET', '/api/applications', as('cad'));
    expect(list.status).toBe(200);
    const listed = list.body.find((a) => a.id === one.application.id);
    // the list's verdicts are the revision's own checks, worst first when there are several
    expect(listed?.checks.map((c) => c.verdict)).toEqual(one.revision.checks.map((c) => c.verdict));
    expect(listed?.verdict).toBe(one.revision.checks[0]?.verdict ?? null);

    const submitted = await call<Item[]>(s.url, 'GET', '/api/applications?state=submitted', as('cad'));
    expect(submitted.body.map((a) => a.id)).toContain(two.application.id);
    expect(submitted.body.every((a) => a.state === 'submitted')).toBe(true);
    const page = await call<Item[]>(s.url, 'GET', '/api/applications?limit=1&offset=1', as('cad'));
    expect(page.body.map((a) => a.id)).toEqual([list.body[1].id]);

    const bad = await call<ErrorReply>(s.url, 'GET', '/api/applications?state=pending-forever', as('cad'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('state');
    expect((await call(s.url, 'GET', '/api/applications?limit=100000', as('cad'))).status).toBe(400);
  });
});
