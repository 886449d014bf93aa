import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AckError,
  ApiError,
  ErrorCode,
  PROTOCOL_VERSION,
  TELEMETRY_NAMESPACE,
} from '../../rules/src/protocol/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { seedPrincipal } from '../server/principals.js';
import { HOME, secondDefinitions } from './scan.js';

/**
 * One error contract (rules/src/protocol/errors.ts): one issue shape, one zod-to-issue mapper, one enum of
 * error codes. The scan fails when a second definition appears anywhere in rules/, server/ or client/; the
 * calls check that what the server really sends over HTTP and sockets is that shape, with a code of the enum.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('one issue and error shape: the source scan', () => {
  const files = ['rules/src', 'server/src', 'client/src'].flatMap((d) =>
    sources(join(ROOT, d)).map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') })),
  );

  it('finds the sources and the one definition', () => {
    expect(files.length).toBeGreaterThan(100);
    const home = files.find((f) => f.name === HOME)?.text ?? '';
    expect(home).toMatch(/export const ApiIssue = z/);
    expect(home).toMatch(/export function issuesFromZod\(/);
    expect(home).toMatch(/export const ErrorCode = z/);
  });

  it('the scanner recognises each kind of second definition', () => {
    const planted = [
      'const I = z.object({ path: z.array(z.string()), message: z.string() });',
      'interface Issue {\n  path: (string | number)[];\n  message: string;\n}',
      'const f = (issues: { message: string; path: (string | number)[] }[]) => issues;',
      'const out = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));',
      'for (const i of parsed.error.issues) out.push({ path: i.path, message: i.message });',
      "const p = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));",
      "export const ErrorCode = z.enum(['not-found']);",
    ].map((text, i) => ({ name: `planted-${i}.ts`, text }));
    expect(secondDefinitions(planted)).toHaveLength(planted.length);
    // richer shapes are not the issue shape: a catalogue issue also names its zone
    const richer = [
      { name: 'x.ts', text: 'interface C { zoneId: string; path: (string | number)[]; message: string }' },
    ];
    expect(secondDefinitions(richer)).toEqual([]);
  });

  it('no second issue shape, mapper or code enum exists in rules/, server/ or client/', () => {
    expect(secondDefinitions(files)).toEqual([]);
  });
});

describe('one issue and error shape: what the server sends', () => {
  let s: TestServer;
  /** sockets authenticate as an admin at the handshake (job:subscribe and telemetry refuse anonymous ones) */
  let credentials: Record<string, string> = {};
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startServer({ deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } } });
    credentials = (await seedPrincipal(s.store, 'admin')).headers;
  });
  afterAll(async () => {
    for (const c of sockets) c.close();
    await s.close();
  });

  const Problem = z.strictObject({ error: ApiError.strict() });

  it.each([
    ['GET', '/api/plans/no-such-plan', undefined, 404, 'not_found'],
    ['POST', '/api/check', {}, 400, 'validation_failed'],
    ['POST', '/api/check', '{"plan": ', 400, 'bad_request'],
    ['POST', '/api/check', { plan: {}, rulebook: 'no-such-rulebook' }, 400, 'validation_failed'],
    ['POST', '/api/telemetry', { aircraftId: 'x', lat: 123 }, 400, 'validation_failed'],
    [
      'POST',
      '/api/telemetry',
      { aircraftId: 'x', sessionId: 'nope', time: 1e12, lon: 114.07, lat: 22.4, alt: 60, altRef: 'AGL' },
      404,
      'not_found',
    ],
    ['GET', '/api/drafts/no-such-draft', undefined, 404, 'not_found'],
  ] as const)('HTTP %s %s %j → %i %s, an ApiError', async (method, url, body, status, code) => {
    const r = await call(
      s.url,
      method,
      url,
      typeof body === 'string' ? { raw: body, headers: { 'content-type': 'application/json' } } : { json: body },
    );
    expect(r.status, r.text).toBe(status);
    const problem = Problem.parse(r.body);
    expect(problem.error.code).toBe(code);
    expect(ErrorCode.options).toContain(problem.error.code);
  });

  async function socket(namespace = ''): Promise<Socket> {
    const c = connect(s.url + namespace, {
      transports: ['websocket'],
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: credentials,
    });
    sockets.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', resolve);
      c.once('connect_error', reject);
    });
    return c;
  }

  const Refusal = z.strictObject({ ok: z.literal(false), error: AckError.strict() });

  it.each([
    ['session:join', {}, 'invalid_payload'],
    ['session:join', { sessionId: 'no-such-session' }, 'not_found'],
    ['session:control', { sessionId: 'no-such-session', action: 'pause' }, 'not_found'],
    ['session:create', { scenarioId: 'no-such-scenario' }, 'not_found'],
    ['hello', { protocolVersion: PROTOCOL_VERSION + 1 }, 'protocol_version_mismatch'],
    ['job:subscribe', {}, 'invalid_payload'],
    ['job:subscribe', { jobId: 'no-such-job' }, 'not_found'],
  ] as const)('socket %s %j → %s, an AckError', async (event, payload, code) => {
    const c = await socket();
    const ack = Refusal.parse(await c.emitWithAck(event, payload));
    expect(ack.error.code).toBe(code);
    expect(ErrorCode.options).toContain(ack.error.code);
  });

  it('socket /telemetry with a bad sample → invalid_payload naming the field', async () => {
    const c = await socket(TELEMETRY_NAMESPACE);
    const ack = Refusal.parse(await c.emitWithAck('telemetry', { aircraftId: 'x', lat: 123 }));
    expect(ack.error.code).toBe('invalid_payload');
    expect(ack.error.issues?.map((i) => i.path.join('.'))).toContain('lat');
  });
});
