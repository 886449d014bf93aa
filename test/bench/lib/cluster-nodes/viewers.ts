/**
 * The bench's viewers: socket.io clients in the bench process (not on any node's thread), each following one
 * session on one node. Each records when every event arrived (timeOrigin + now, comparable with the nodes' clocks
 * on one machine) and checks its stream as it comes: every event's seq is the one after the last (from the join
 * snapshot's), every tick's number rises and its `seq` is the last event seen (so no event before it went missing).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../../rules/src/protocol/index.js';

const clock = () => performance.timeOrigin + performance.now();

export interface Viewer {
  socket: Socket;
  nodeUrl: string;
  sessionId: string;
  /** events received: seq → when */
  readonly received: Map<number, number>;
  readonly problems: string[];
  readonly lastSeq: number;
  readonly lastTick: number;
  readonly ticks: number;
}

class JoinRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Seq {
  sessionId: string;
  seq: number;
}

/**
 * A viewer of `sessionId` on `nodeUrl`. `resume`: join as a viewer that reconnects after receiving up to there (the
 * node sends the events after it, not a snapshot); without, a new viewer (a snapshot of the whole session).
 */
export async function connectViewer(
  nodeUrl: string,
  sessionId: string,
  resume?: { lastSeq: number; lastTick: number },
): Promise<Viewer> {
  const socket = connect(nodeUrl, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    reconnection: false,
  });
  const received = new Map<number, number>();
  const problems: string[] = [];
  let lastSeq = resume?.lastSeq ?? -1;
  let lastTick = resume?.lastTick ?? -1;
  let ticks = 0;
  const onEvent = (p: Seq) => {
    const at = clock();
    if (p.sessionId !== sessionId) return;
    if (lastSeq >= 0 && p.seq !== lastSeq + 1) problems.push(`seq ${p.seq} after ${lastSeq}`);
    lastSeq = p.seq;
    received.set(p.seq, at);
  };
  for (const e of ['finding:opened', 'finding:closed', 'zone:changed']) socket.on(e, onEvent);
  socket.on('session:snapshot', (s: { session: { id: string }; seq: number; tick: number; reason: string }) => {
    if (s.session.id !== sessionId) return;
    if (lastSeq >= 0) problems.push(`snapshot (${s.reason}) at seq ${s.seq} after ${lastSeq}`);
    lastSeq = s.seq;
    lastTick = s.tick;
  });
  socket.on('tick', (b: Seq & { tick: number }) => {
    if (b.sessionId !== sessionId) return;
    if (b.tick <= lastTick) problems.push(`tick ${b.tick} after ${lastTick}`);
    if (b.seq !== lastSeq) problems.push(`tick ${b.tick} says seq ${b.seq}, the viewer has ${lastSeq}`);
    lastTick = b.tick;
    ticks++;
  });
  socket.on('disconnect', (reason) => problems.push(`disconnected: ${reason}`));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // a snapshot of thousands of aircraft is megabytes, built on the node's thread: give it time on a busy machine
  const ack = (await socket.timeout(120_000).emitWithAck('session:join', { sessionId, resume })) as {
    ok: boolean;
    error?: { code: string; message: string };
  };
  if (!ack.ok) {
    socket.disconnect();
    throw new JoinRefused(ack.error?.code ?? 'unknown', `join ${sessionId} on ${nodeUrl}: ${ack.error?.message}`);
  }
  return {
    socket,
    nodeUrl,
    sessionId,
    received,
    problems,
    get lastSeq() {
      return lastSeq;
    },
    get lastTick() {
      return lastTick;
    },
    get ticks() {
      return ticks;
    },
  };
}

/**
 * `count` viewers, viewer i following session i mod S on node ⌊i / S⌋ mod N: every session has viewers on every
 * node (with 2 nodes, half of each session's viewers get its broadcasts through Redis). One viewer of each session,
 * on the node simulating it (`holders`), joins as a new viewer (a snapshot). The others join as viewers reconnecting
 * with nothing missed: right after that first viewer received a tick, they resume from its tick and seq, so the
 * node sends neither a snapshot (at 5,000 aircraft ~17 MB of JSON) nor a full resume tick (every aircraft's
 * description) 200 times. Joining is not what the bench measures; the stream after it is.
 */
export async function connectViewers(
  nodeUrls: string[],
  holders: Record<string, string>,
  count: number,
  /** told of each forwarded join retried (the bench reports how many) */
  onRetry: () => void = () => {},
): Promise<Viewer[]> {
  const sessionIds = Object.keys(holders);
  const placed = Array.from({ length: count }, (_, n) => ({
    session: sessionIds[n % sessionIds.length],
    node: nodeUrls[Math.floor(n / sessionIds.length) % nodeUrls.length],
  }));
  const first = new Map<string, Viewer>();
  const rest: typeof placed = [];
  for (const p of placed)
    if (!first.has(p.session) && p.node === holders[p.session])
      first.set(p.session, await connectViewer(p.node, p.session));
    else rest.push(p);
  const viewers = [...first.values()];
  // Small batches, each right after a tick: they are served before the next one (no full resume tick to build).
  const BATCH = 10;
  for (const id of sessionIds) {
    const from = first.get(id);
    const queue = rest.filter((p) => p.session === id).map((p) => ({ ...p, tries: 0 }));
    while (queue.length > 0) {
      if (from) await nextTick(from);
      const at = from && { lastSeq: from.lastSeq, lastTick: from.lastTick };
      const batch = queue.splice(0, BATCH);
      const joined = await Promise.allSettled(batch.map((p) => connectViewer(p.node, id, at)));
      joined.forEach((j, k) => {
        if (j.status === 'fulfilled') viewers.push(j.value);
        // a forwarded join the busy holder did not answer within 5 s: again, on a new connection
        else if (j.reason instanceof JoinRefused && j.reason.code === 'unavailable' && batch[k].tries < 3) {
          onRetry();
          queue.push({ ...batch[k], tries: batch[k].tries + 1 });
        } else throw j.reason;
      });
    }
  }
  return viewers;
}

/** Resolves when `v` receives its next tick. */
async function nextTick(v: Viewer): Promise<void> {
  const seen = v.lastTick;
  while (v.lastTick === seen) await new Promise((r) => setTimeout(r, 5));
}

/** Resolves once every viewer has a tick of its session numbered above `after[sessionId]` (then it has every event
 * sent before it: one session's broadcasts keep their order, through Redis too); false after `ms`. */
export async function caughtUp(
  viewers: readonly Viewer[],
  after: Record<string, number>,
  ms: number,
): Promise<boolean> {
  const end = Date.now() + ms;
  const behind = () => viewers.filter((v) => v.lastTick <= (after[v.sessionId] ?? -1));
  while (behind().length > 0) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

export function disconnectAll(viewers: readonly Viewer[]): void {
  for (const v of viewers) {
    v.socket.removeAllListeners('disconnect');
    v.socket.disconnect();
  }
}
