import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../rules/src/protocol/index.js';
import { call, type TestServer } from '../server/helpers.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { BASE, type IntentReply, routePlan, T0 } from '../traffic-api/helpers.js';
import { cutOffFromRedis, reconnectToRedis } from './in-process-cluster.js';
import { client, request } from './nodes.js';
import { type PgNode, pgCluster } from './pg-nodes.js';

/**
 * Issue 15 with issue 16: the conformance monitoring of a telemetry aircraft flying an operational intent goes on
 * when another node takes its session over. A's aircraft left its intent (Nonconforming) on node A; A is cut off;
 * on B, one sample still outside once the grace (params.yaml conformance.graceS) has run since it left makes the
 * intent Contingent: B counted the grace from when A saw it leave, not from its own first sample.
 */
const GRACE_S = 30;
const cluster = pgCluster();
const node = (nodeId: string, url: string): Promise<PgNode> =>
  cluster.node(nodeId, url, {
    leaseMs: 600,
    as: 'anonymous',
    deps: { traffic: { now: () => Date.parse('2027-03-16T00:00:00Z') } },
  });

interface Corridor {
  start: { lat: number; lng: number };
  end: { lat: number; lng: number };
}
type PutReply = IntentReply & {
  operational_intent: {
    details: { volumes: { volume: { outline_corridor: Corridor }; time_start: { value: string } }[] };
  };
};

describe('intent conformance across a takeover', () => {
  it('the new holder continues the watch: the grace counts from when the old holder saw the aircraft leave', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = await node('intent-a', url);
    const org = await seedOrganisation(a.srv.store, 'Alpha', 'operator');
    const headers = (await seedPrincipal(a.srv.store, 'applicant', { orgId: org.id })).headers;
    const put = await call<PutReply>(a.srv.url, 'PUT', `${BASE}/a-1`, {
      json: { operator: 'Alpha', plan: routePlan(T0) },
      headers,
    });
    expect(put.status).toBe(201);
    const leg = put.body.operational_intent.details.volumes[1];
    const c = leg.volume.outline_corridor;
    const inside = { lon: (c.start.lng + c.end.lng) / 2, lat: (c.start.lat + c.end.lat) / 2, alt: 100 };
    const away = { ...inside, lat: inside.lat + 0.02 }; // about 2.2 km north of the leg
    const t = Date.parse(leg.time_start.value) + 120_000;

    const owner = await client(a.srv.url);
    const id = (await request<{ id: string }>(owner, 'session:create', { plans: [routePlan(T0)], shared: true })).id;
    const stateOf = async () =>
      (await call<IntentReply>(a.srv.url, 'GET', `${BASE}/a-1`, { headers })).body.operational_intent_reference.state;
    /** The store catches up with the conformance monitor asynchronously: poll (bounded). */
    const reaches = async (state: string, what: string) => {
      for (let i = 0; i < 300 && (await stateOf()) !== state; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await stateOf(), what).toBe(state);
    };
    const feed = async (on: TestServer, time: number, where: typeof inside) => {
      const r = await call(on.url, 'POST', '/api/telemetry', {
        json: [{ aircraftId: 'a-drone', intentId: 'a-1', altRef: 'AGL', sessionId: id, time, ...where }],
        headers,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };

    await feed(a.srv, t, inside);
    a.ticks.pulse(1000);
    await reaches('Activated', 'the intent Activated by A');
    await feed(a.srv, t + 10_000, away);
    a.ticks.pulse(1000);
    await reaches('Nonconforming', 'the intent Nonconforming on A');
    // B joins now: a node's intent index is loaded at its start, not kept in step with the other nodes' changes
    const b = await node('intent-b', url);
    // telemetry is written at once when an aircraft appears, then once a second while it flies
    await new Promise((r) => setTimeout(r, 1100));
    a.ticks.pulse(1000);

    // A loses Redis (a crash, for the cluster): B continues the session
    cutOffFromRedis(a.node);
    let held: string[] = [];
    for (let i = 0; i < 200 && !held.includes(id); i++) {
      held = (await b.node.readiness()).sessions;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(held, 'B taking the session over').toContain(id);
    // a viewer joining on B sees the conformance finding A opened, still open
    const viewer = await client(b.srv.url);
    const snapshot = new Promise<Snapshot>((resolve) => viewer.once('session:snapshot', resolve));
    await request(viewer, 'session:join', { sessionId: id });
    const open = (await snapshot).findings.filter((f) => f.finding.kind === 'intent-conformance');
    expect(open.map((f) => [f.aircraftId, f.finding.code, f.intentId])).toEqual([
      ['tm:a-drone', 'traffic.conformance.nonconforming', 'a-1'],
    ]);
    viewer.disconnect();
    owner.disconnect();

    // on B, still outside once the grace has run since A saw it leave: Contingent
    await feed(b.srv, t + 10_000 + GRACE_S * 1000, away);
    b.ticks.pulse(1000);
    await reaches('Contingent', 'the intent Contingent on B');
    await reconnectToRedis(a.node);
  }, 60_000);
});
