import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ServerHello, type SessionInfo } from '../../rules/src/protocol/index.js';
import { client, request, startNode, until } from './nodes.js';
import { processCluster } from './process-cluster.js';

/**
 * A viewer lists the cluster's sessions, not its node's: `session:list` and `hello` on one node include the
 * sessions the other nodes simulate (each node applies its own visibility rule to its own), once each.
 */
const cluster = processCluster();
const { prefix, nodes, clients } = cluster;

const ids = (list: { id: string }[]) => list.map((s) => s.id).sort();

describe('session lists across nodes', () => {
  it('lists on B the sessions A simulates, and on A those of B, each once', async () => {
    const a = await startNode('node-a', prefix);
    nodes.push(a);
    await until(() => a.main.output().includes('"cluster: Redis'), 'node A joining the cluster');
    const b = await startNode('node-b', prefix);
    nodes.push(b);
    const onA = await client(a.url);
    const onB = await client(b.url);
    clients.push(onA, onB);

    const fromA = await request<SessionInfo>(onA, 'session:create', { scenarioId: 'harbour-fireworks-evening' });
    const fromB = await request<SessionInfo>(onB, 'session:create', { scenarioId: 'kai-tak-event-restriction' });
    expect(await cluster.redis.get(`${prefix}lease:${fromA.id}`)).toBe('node-a');
    expect(await cluster.redis.get(`${prefix}lease:${fromB.id}`)).toBe('node-b');

    // the default session ('live') is simulated by A; both nodes list all three, each once, with their clocks
    for (const viewer of [onA, onB]) {
      const list = await request<SessionInfo[]>(viewer, 'session:list', {});
      expect(ids(list)).toEqual(ids([{ id: 'live' }, fromA, fromB]));
      expect(list.find((s) => s.id === fromA.id)).toMatchObject({ title: fromA.title, scenarioId: fromA.scenarioId });
      expect(list.every((s) => typeof s.clock.elapsedMs === 'number')).toBe(true);
    }
    const hello = await request<ServerHello>(onB, 'hello', { protocolVersion: PROTOCOL_VERSION });
    expect(ids(hello.sessions)).toEqual(ids([{ id: 'live' }, fromA, fromB]));

    // a viewer connecting to B is greeted with A's sessions too
    const late = await client(b.url);
    clients.push(late);
    const greeting = await new Promise<ServerHello>((resolve) => {
      late.once('hello', resolve);
      late.emit('hello', { protocolVersion: PROTOCOL_VERSION }, () => undefined);
    });
    expect(ids(greeting.sessions)).toContain(fromA.id);
  }, 120_000);
});
