import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type IncompatibleReason, PROTOCOL_VERSION, type ServerHello } from '../../rules/src/protocol/index.js';
import { request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

describe('protocol version and payload validation', () => {
  it('refuses a client of another protocol version with a typed reason', async () => {
    srv = await startServer([liveScenario()]);
    const socket = connect(srv.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION + 1 },
      reconnection: false,
    });
    const err = await new Promise<Error & { data?: IncompatibleReason }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    // the handshake refusal keeps its first spelling: clients of every version must read it
    expect(err.data?.code).toBe('protocol-version-mismatch');
    expect(err.data?.serverVersion).toBe(PROTOCOL_VERSION);
    expect(err.data?.clientVersion).toBe(PROTOCOL_VERSION + 1);
  });

  it('greets a client with the protocol version and the default session', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const hello = await request<ServerHello>(c, 'hello', { protocolVersion: PROTOCOL_VERSION });
    expect(hello.ok && hello.data.defaultSessionId).toBe('live');
    const wrong = await request(c, 'hello', { protocolVersion: 99 });
    expect(!wrong.ok && wrong.error.code).toBe('protocol_version_mismatch');
  });

  it('answers every invalid payload with an error ack naming the field, and keeps serving', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const cases: [string, unknown, string, string | undefined][] = [
      ['session:join', {}, 'invalid_payload', 'sessionId'],
      ['session:join', 'live', 'invalid_payload', undefined],
      ['session:join', { sessionId: 'nope' }, 'not_found', undefined],
      ['session:control', { sessionId: 'live', action: 'speed', speed: 1000 }, 'invalid_payload', 'speed'],
      ['session:control', { sessionId: 'live', action: 'warp' }, 'invalid_payload', 'action'],
      ['session:control', { sessionId: 'live', action: 'seek', elapsedMs: -5 }, 'invalid_payload', 'elapsedMs'],
      ['session:create', { scenarioId: 'live-test', plans: ['x'] }, 'invalid_payload', 'scenarioId'],
      ['session:create', { scenarioId: 'nope' }, 'not_found', undefined],
      ['session:create', { plans: ['no-such-plan'] }, 'not_found', undefined],
      ['session:create', null, 'invalid_payload', undefined],
    ];
    for (const [event, payload, code, field] of cases) {
      const r = await request(c, event, payload);
      expect(r.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, `${event} ${JSON.stringify(payload)}`).toBe(code);
      if (field) expect(r.error.issues?.some((i) => i.path.includes(field))).toBe(true);
    }
    // Without an ack callback nothing is answered and nothing breaks.
    const raw = c as unknown as Socket;
    raw.emit('session:join', { bogus: true });
    raw.emit('session:control');
    const ok = await request(c, 'session:list', {});
    expect(ok.ok).toBe(true);
  });
});
