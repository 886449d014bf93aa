import { createHash } from 'node:crypto';
import type { Client } from './nodes.js';

/** A received tick: its numbers, when it arrived, and a hash of its aircraft states (the packed rows). */
interface Tick {
  tick: number;
  seq: number;
  elapsedMs: number;
  at: number;
  states: string;
  /** the packed rows as received: a mismatch names the bytes that differ */
  raw: Buffer;
}

interface Seen {
  event: string;
  seq: number;
  payload: Record<string, unknown>;
}

/**
 * What one viewer receives for one session, checked as it arrives: every event's seq is the one after the last
 * (from the snapshot's), every tick's number is above the last one's, and every tick's `seq` is the last event
 * seen (so no event before it went missing). Problems are collected, not thrown, and asserted by the test.
 * `from`: carry on another watcher's stream (a viewer that reconnected on a new socket and resumed).
 */
export interface Watched {
  readonly events: Seen[];
  readonly ticks: Tick[];
  readonly problems: string[];
  readonly lastSeq: number;
  readonly lastTick: number;
  readonly elapsedMs: number;
}

export function watch(socket: Client, sessionId: string, from?: Watched): Watched {
  const events: Seen[] = from ? [...from.events] : [];
  const ticks: Tick[] = from ? [...from.ticks] : [];
  const problems: string[] = from ? [...from.problems] : [];
  let lastSeq = from ? from.lastSeq : -1;
  let lastTick = from ? from.lastTick : -1;
  const onEvent = (event: string) => (p: Record<string, unknown>) => {
    if (p.sessionId !== sessionId) return;
    const seq = Number(p.seq);
    if (lastSeq >= 0 && seq !== lastSeq + 1) problems.push(`${event} seq ${seq} after ${lastSeq}`);
    lastSeq = seq;
    events.push({ event, seq, payload: p });
  };
  for (const e of ['finding:opened', 'finding:closed', 'zone:changed']) socket.on(e, onEvent(e));
  socket.on('session:snapshot', (s: { session: { id: string }; seq: number; tick: number; reason: string }) => {
    if (s.session.id !== sessionId) return;
    if (lastSeq >= 0) problems.push(`snapshot (${s.reason}) at seq ${s.seq} after ${lastSeq}`);
    lastSeq = s.seq;
    lastTick = s.tick;
  });
  socket.on('tick', (b: { sessionId: string; tick: number; seq: number; elapsedMs: number; aircraft: Packed }) => {
    if (b.sessionId !== sessionId) return;
    if (b.tick <= lastTick) problems.push(`tick ${b.tick} after ${lastTick}`);
    if (b.seq !== lastSeq) problems.push(`tick ${b.tick} says seq ${b.seq}, the viewer has ${lastSeq}`);
    lastTick = b.tick;
    const raw = Buffer.from(bytes(b.aircraft.data));
    const states = createHash('sha256').update(raw).digest('hex');
    ticks.push({ tick: b.tick, seq: b.seq, elapsedMs: b.elapsedMs, at: Date.now(), states, raw });
  });
  return {
    events,
    ticks,
    problems,
    get lastSeq() {
      return lastSeq;
    },
    get lastTick() {
      return lastTick;
    },
    get elapsedMs() {
      return ticks.at(-1)?.elapsedMs ?? 0;
    },
  };
}

interface Packed {
  data: ArrayBuffer | ArrayBufferView;
}

const bytes = (d: ArrayBuffer | ArrayBufferView) =>
  d instanceof ArrayBuffer ? Buffer.from(d) : Buffer.from(d.buffer, d.byteOffset, d.byteLength);

/**
 * The tick streams of two sessions of the same scenario, compared where both have a tick at the same simulated time
 * (how many steps a tick covers depends on wall-clock pacing): a hash of each side over those instants (simulated
 * time, seq, aircraft states), and the instants compared. Equal hashes: identical aircraft and findings state at
 * every common instant.
 */
export function tickStreamHashes(a: readonly Tick[], b: readonly Tick[], through: number) {
  const atB = new Map(b.map((t) => [t.elapsedMs, t]));
  const common = a.filter((t) => t.seq <= through && atB.has(t.elapsedMs));
  const hash = (pick: (t: Tick) => Tick) => {
    const h = createHash('sha256');
    for (const t of common) {
      const x = pick(t);
      h.update(`${x.elapsedMs}:${x.seq}:${x.states}\n`);
    }
    return h.digest('hex');
  };
  const differing = common.filter((t) => {
    const u = atB.get(t.elapsedMs);
    return u !== undefined && (u.seq !== t.seq || u.states !== t.states);
  });
  return {
    a: hash((t) => t),
    b: hash((t) => atB.get(t.elapsedMs) ?? t),
    common,
    /** the first instants where the two differ, told in full: the message of a failed comparison */
    difference: differing
      .slice(0, 5)
      .map((t) => describeDifference(t, atB.get(t.elapsedMs) ?? t, a))
      .join('\n'),
  };
}

/** One differing instant: both ticks' numbers and seq, when the first arrived, and the bytes of the rows that differ. */
function describeDifference(x: Tick, y: Tick, stream: readonly Tick[]): string {
  const offsets: number[] = [];
  for (let i = 0; i < Math.max(x.raw.length, y.raw.length) && offsets.length < 16; i++)
    if (x.raw[i] !== y.raw[i]) offsets.push(i);
  const twins = stream.filter((t) => t.elapsedMs === x.elapsedMs).length;
  return (
    `at ${x.elapsedMs} ms simulated: tick ${x.tick} seq ${x.seq} (arrived ${x.at}, ${twins} tick(s) at this instant) ` +
    `against tick ${y.tick} seq ${y.seq}; rows ${x.raw.length} | ${y.raw.length} bytes, differing at ${offsets.join(',')}: ` +
    `${offsets.map((o) => `${x.raw[o]}|${y.raw[o]}`).join(' ')}`
  );
}

/**
 * Hash of a session's event stream up to `throughSeq`: each event's name and payload without the session id and the
 * tick number (which counts broadcasts, so depends on wall-clock pacing, not on the simulation).
 */
export function streamHash(events: readonly Seen[], throughSeq: number): string {
  const h = createHash('sha256');
  for (const e of events) {
    if (e.seq > throughSeq) break;
    const { sessionId: _s, tick: _t, ...rest } = e.payload;
    h.update(`${e.event}:${JSON.stringify(rest)}\n`);
  }
  return h.digest('hex');
}
