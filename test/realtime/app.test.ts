import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Snapshot, type TickBatch } from '../../rules/src/protocol/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { startServer, type TestServer } from '../server/helpers.js';

let srv: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.disconnect();
  await srv?.close();
  srv = undefined;
});

describe('the server app (createApp) with the live simulation', () => {
  it('opens with the default scenario running: a newcomer sees aircraft and findings at once', async () => {
    const ticks = manualTickSource();
    srv = await startServer({ deps: { realtime: { enabled: true, options: { tickSource: ticks } } } });
    const s = connect(srv.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      forceNew: true,
    });
    sockets.push(s);
    const got: { event: string; payload: unknown }[] = [];
    s.onAny((event: string, payload: unknown) => got.push({ event, payload }));
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    const hello = await new Promise<{ defaultSessionId: string | null }>((resolve) => {
      const found = got.find((m) => m.event === 'hello');
      if (found) resolve(found.payload as { defaultSessionId: string | null });
      else s.once('hello', resolve);
    });
    expect(hello.defaultSessionId).toBe('live');
    // 30 simulated seconds before joining: the default scenario is lively from the start.
    for (let i = 0; i < 30; i++) ticks.pulse(1000);
    await new Promise((resolve) => s.emit('session:join', { sessionId: 'live' }, resolve));
    const snap = got.find((m) => m.event === 'session:snapshot')?.payload as Snapshot | undefined;
    expect(snap?.session.scenarioId).toBe('harbour-fireworks-evening');
    expect(snap?.aircraftInfo.length).toBeGreaterThanOrEqual(4);
    expect(snap?.findings.length).toBeGreaterThanOrEqual(5);
    ticks.pulse(1000);
    await new Promise((resolve) => s.emit('session:list', {}, resolve));
    expect(got.some((m) => m.event === 'tick' && (m.payload as TickBatch).sessionId === 'live')).toBe(true);
  });
});
