import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { type Ack, PROTOCOL_VERSION, TELEMETRY_NAMESPACE } from '../../rules/src/protocol/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { startMain } from '../jobs/main-process.js';
import { call, tempDir } from '../server/helpers.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { type Client, client, type Node, REDIS_URL, request, until } from './nodes.js';
import { processCluster } from './process-cluster.js';

/**
 * Telemetry across nodes (issue 15): samples for a session simulated on node A, sent to node B, reach A (with the
 * sender's principal, A judging them as its own, its answer coming back); kill -9 of A: B continues the telemetry
 * aircraft from the checkpoint until their timeout, still refusing them to any other source.
 */
const cluster = processCluster();
const { prefix, nodes, clients: sockets } = cluster;

/** A node whose own store holds two operators of different organisations, each with an API token. */
async function startNodeWithOperators(name: string) {
  const dir = tempDir(`sua-cluster-${name}-`);
  const store = await openSqliteStore({ file: path.join(dir, 'sua-sandbox.db') });
  const one = await seedPrincipal(store, 'applicant', { orgId: (await seedOrganisation(store, 'One', 'operator')).id });
  const two = await seedPrincipal(store, 'applicant', { orgId: (await seedOrganisation(store, 'Two', 'operator')).id });
  await store.close();
  const main = startMain(dir, { REDIS_URL, REDIS_PREFIX: prefix, NODE_ID: name, WORKERS: '0' });
  const node: Node = { name, main, url: await main.listening };
  nodes.push(node);
  return { node, one: one.headers, two: two.headers };
}

/** A sample over Victoria Harbour, 40 m AMSL; `i` seconds into the track. */
const sample = (sessionId: string, i: number, extra: Record<string, unknown> = {}) => ({
  sessionId,
  aircraftId: 'cx-1',
  time: Date.now() + i * 1000,
  lon: 114.1738,
  lat: 22.2936 - i * 0.00005,
  alt: 40,
  altRef: 'AMSL',
  pilot: [114.1738, 22.2937],
  ...extra,
});

interface Problem {
  error: { code: string; issues?: { path: (string | number)[] }[] };
}

describe('telemetry across the nodes of a cluster', () => {
  let a: Node;
  let b: { node: Node; one: Record<string, string>; two: Record<string, string> };
  let sessionId = '';
  let viewer: Client;
  const added: string[] = [];
  const snapshots: { reason: string; ids: string[]; at: number }[] = [];
  const post = (headers: Record<string, string>, json: unknown) =>
    call<Problem & { accepted: number; sessionId: string }>(b.node.url, 'POST', '/api/telemetry', { json, headers });

  it('a feed on node B reaches the session node A simulates; A judges it and its answer comes back', async () => {
    [a, b] = await Promise.all([startNodeWithOperators('tm-a').then((n) => n.node), startNodeWithOperators('tm-b')]);
    const creator = await client(a.url);
    sockets.push(creator);
    sessionId = (await request<{ id: string }>(creator, 'session:create', { scenarioId: 'harbour-fireworks-evening' }))
      .id;
    viewer = await client(b.node.url);
    sockets.push(viewer);
    viewer.on('tick', (t: { sessionId: string; added?: { id: string }[] }) => {
      if (t.sessionId === sessionId) added.push(...(t.added ?? []).map((x) => x.id));
    });
    viewer.on('session:snapshot', (s: { session: { id: string }; reason: string; aircraftInfo: { id: string }[] }) => {
      if (s.session.id === sessionId)
        snapshots.push({ reason: s.reason, ids: s.aircraftInfo.map((x) => x.id), at: Date.now() });
    });
    await request(viewer, 'session:join', { sessionId });

    // over HTTP on B: accepted by A, with A's assumptions
    const first = await post(b.one, sample(sessionId, 0));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ accepted: 1, sessionId });
    await until(() => added.includes('tm:cx-1'), "the aircraft in A's ticks, seen by the viewer on B", 10_000);

    // over B's telemetry namespace: the same source (its principal), the same answer
    const feed = connect(b.node.url + TELEMETRY_NAMESPACE, {
      transports: ['websocket'],
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION, sessionId },
      extraHeaders: b.one,
    });
    sockets.push(feed);
    const ack = (await feed
      .timeout(10_000)
      .emitWithAck('telemetry', sample(sessionId, 1, { sessionId: undefined }))) as Ack<{
      accepted: number;
    }>;
    expect(ack).toMatchObject({ ok: true, data: { accepted: 1, sessionId } });

    // refused on B before anything is sent: the field named (the route's own validation: from `body`)
    const invalid = await post(b.one, sample(sessionId, 2, { lat: 200 }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues?.map((i) => i.path)).toEqual([['body', 'lat']]);
    // refused by A, its code and issue paths carried back: an intent the sender may not fly ...
    const intent = await post(b.one, [sample(sessionId, 2), sample(sessionId, 3, { intentId: 'no-such-intent' })]);
    expect(intent.status).toBe(400);
    expect(intent.body.error.issues?.map((i) => i.path)).toEqual([[1, 'intentId']]);
    // ... and another source's aircraft
    const foreign = await post(b.two, sample(sessionId, 3));
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe('conflict');
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual([['aircraftId']]);
    // a session no node runs
    expect((await post(b.one, sample('s-nowhere', 3))).status).toBe(404);
  }, 90_000);

  it('kill -9 of A: B continues the telemetry aircraft, still refused to another source', async () => {
    // written at once when an aircraft appears; a second after that while it flies
    await new Promise((r) => setTimeout(r, 1200));
    const killedAt = Date.now();
    a.main.child.kill('SIGKILL');
    await a.main.exited;
    // telemetry is not re-simulated: B's viewers get a snapshot, with the carried aircraft in it
    await until(() => snapshots.some((s) => s.at > killedAt), 'the snapshot after B took over', 15_000);
    const after = snapshots.find((s) => s.at > killedAt);
    expect(after?.ids).toContain('tm:cx-1');
    await until(() => /took over a session from its checkpoint/.test(b.node.main.output()), "B's takeover log", 5000);

    // the track is still the first source's: another is refused, the first carries on
    const foreign = await post(b.two, sample(sessionId, 5));
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual([['aircraftId']]);
    const more = await post(b.one, sample(sessionId, 5));
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    expect(more.body).toMatchObject({ accepted: 1, sessionId });
  }, 60_000);
});
