import type { Rulebook } from '@sua-sandbox/rules/model';
import { RulebookRef } from '@sua-sandbox/rules/protocol';
import type { Scenario } from '@sua-sandbox/rules/sim';
import { SeparationMinima } from '@sua-sandbox/rules/traffic';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { LoggedEvent } from '../realtime/event-log.js';
import type { CarriedTelemetry } from '../realtime/session.js';

/** Most logged events kept per session in Redis (what a resuming viewer can still be sent after a takeover). */
export const LOG_KEEP = 2000;

/** Write only while `nodeId` holds the lease (a node that lost it must not overwrite its successor). */
const FENCED_SET = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[2], ARGV[2])
if ARGV[3] == '1' then redis.call('del', KEYS[3]) end
return 1`;
/** Take the lease (free, or already this node's), record the definition and list the session, or return 0. */
const START = `local holder = redis.call('get', KEYS[1])
if holder ~= ARGV[1] then
  if holder then return 0 end
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
redis.call('set', KEYS[2], ARGV[3])
redis.call('sadd', KEYS[3], ARGV[4])
return 1`;
const FENCED_PUSH = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('rpush', KEYS[2], ARGV[2])
redis.call('ltrim', KEYS[2], -tonumber(ARGV[3]), -1)
return 1`;

/** Where a session stands after its last sent tick (or snapshot). */
export const CheckpointState = z.object({
  elapsedMs: z.number().nonnegative(),
  tick: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  /** the first seq the log may replay */
  logFloor: z.number().int().positive(),
  playing: z.boolean(),
  speed: z.number().positive(),
  /** a re-simulation from the start reproduces the run (false after a rulebook change or with telemetry) */
  exact: z.boolean(),
});
export type CheckpointState = z.infer<typeof CheckpointState>;

/** What does not change from tick to tick: how to build the session again. */
export const SessionDef = z.object({
  id: z.string().min(1),
  title: z.string(),
  scenario: z.looseObject({ id: z.string(), flights: z.array(z.unknown()) }),
  rulebook: z.looseObject({ id: z.string(), version: z.string() }),
  rulebookRef: RulebookRef,
  loop: z.boolean(),
  owner: z.string().optional(),
  sharedEvaluators: z.boolean().optional(),
  shared: z.boolean().optional(),
  /** the separation minima the rulebook's draft trials */
  separation: SeparationMinima.optional(),
});
export interface SessionDefOf {
  id: string;
  title: string;
  scenario: Scenario;
  rulebook: Rulebook;
  rulebookRef: RulebookRef;
  loop: boolean;
  owner?: string;
  sharedEvaluators?: boolean;
  shared?: boolean;
  separation?: SeparationMinima;
}

const LoggedEventShape = z.object({
  event: z.enum(['finding:opened', 'finding:closed', 'zone:changed']),
  payload: z.looseObject({ seq: z.number().int().positive() }),
});

/** The shape of carried telemetry (what this cluster's own nodes wrote; session.ts CarriedTelemetry). */
const CarriedShape = z.object({
  /** when it was written (epoch ms): the time until a takeover counts in each track's age */
  writtenAt: z.number(),
  tracks: z.array(z.looseObject({ id: z.string(), source: z.string(), ageMs: z.number(), sample: z.looseObject({}) })),
  intents: z.array(z.looseObject({ aircraftId: z.string(), intentId: z.string(), track: z.looseObject({}) })),
});

/** Stored telemetry, each track older by the time since it was written (node clocks may differ: never younger). */
function carriedTelemetry(id: string, stored: string): CarriedTelemetry {
  const parsed = CarriedShape.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new Error(`session ${id}: bad stored telemetry: ${parsed.error.message}`);
  const since = Math.max(0, Date.now() - parsed.data.writtenAt);
  const { intents, tracks } = parsed.data;
  // the shape is checked; the tracks are what this cluster's own nodes wrote
  return {
    intents,
    tracks: tracks.map((t) => ({ ...t, ageMs: t.ageMs + since })),
  } as unknown as CarriedTelemetry;
}

export interface Stored {
  def: SessionDefOf;
  state: CheckpointState | null;
  events: LoggedEvent[];
  /** its telemetry aircraft when last written (none: it had none) */
  telemetry: CarriedTelemetry | null;
}

/** Session definitions, checkpoints and event logs in Redis, under `<prefix>session:<id>:…`. */
export class Checkpoints {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseKey: (id: string) => string,
    readonly nodeId: string,
  ) {}

  private key(id: string, part: 'def' | 'cp' | 'log' | 'tm'): string {
    return `${this.prefix}session:${id}:${part}`;
  }

  /** the set of every live session id of the cluster */
  get indexKey(): string {
    return `${this.prefix}sessions`;
  }

  /**
   * A session starting on this node: its lease (free, or already this node's), definition and index entry in one
   * step, on the connection its fenced writes use, so they queue behind it. False: another node holds the lease.
   */
  async start(def: SessionDefOf, leaseMs: number): Promise<boolean> {
    const keys = [this.leaseKey(def.id), this.key(def.id, 'def'), this.indexKey];
    return (await this.redis.eval(START, 3, ...keys, this.nodeId, String(leaseMs), JSON.stringify(def), def.id)) === 1;
  }

  /** Record a session's definition again (its rulebook changed) and list it in the cluster's index. */
  async define(def: SessionDefOf): Promise<boolean> {
    const ok = await this.redis.eval(
      FENCED_SET,
      3,
      this.leaseKey(def.id),
      this.key(def.id, 'def'),
      this.key(def.id, 'log'),
      this.nodeId,
      JSON.stringify(def),
      '0',
    );
    if (ok === 1) await this.redis.sadd(this.indexKey, def.id);
    return ok === 1;
  }

  /** The state after a tick; `resetLog` after a snapshot (older events can no longer be replayed). */
  async save(id: string, state: CheckpointState, resetLog = false): Promise<boolean> {
    const args = [this.nodeId, JSON.stringify(state), resetLog ? '1' : '0'];
    const keys = [this.leaseKey(id), this.key(id, 'cp'), this.key(id, 'log')];
    return (await this.redis.eval(FENCED_SET, 3, ...keys, ...args)) === 1;
  }

  /** Log an event before it is broadcast. */
  async logEvent(id: string, e: LoggedEvent): Promise<boolean> {
    const keys = [this.leaseKey(id), this.key(id, 'log')];
    return (await this.redis.eval(FENCED_PUSH, 2, ...keys, this.nodeId, JSON.stringify(e), String(LOG_KEEP))) === 1;
  }

  /** The session's telemetry aircraft (they are not re-simulated: a takeover continues them from here). */
  async saveTelemetry(id: string, telemetry: CarriedTelemetry): Promise<boolean> {
    const keys = [this.leaseKey(id), this.key(id, 'tm'), this.key(id, 'log')];
    const stored = JSON.stringify({ writtenAt: Date.now(), ...telemetry });
    return (await this.redis.eval(FENCED_SET, 3, ...keys, this.nodeId, stored, '0')) === 1;
  }

  async has(id: string): Promise<boolean> {
    return (await this.redis.sismember(this.indexKey, id)) === 1;
  }

  ids(): Promise<string[]> {
    return this.redis.smembers(this.indexKey);
  }

  /** What another node left of session `id`, or null (none, or unreadable: an error names the part). */
  async load(id: string): Promise<Stored | null> {
    const [def, cp, log, tm] = await Promise.all([
      this.redis.get(this.key(id, 'def')),
      this.redis.get(this.key(id, 'cp')),
      this.redis.lrange(this.key(id, 'log'), 0, -1),
      this.redis.get(this.key(id, 'tm')),
    ]);
    if (!def) return null;
    const parsedDef = SessionDef.safeParse(JSON.parse(def));
    if (!parsedDef.success) throw new Error(`session ${id}: bad stored definition: ${parsedDef.error.message}`);
    const state = cp ? CheckpointState.safeParse(JSON.parse(cp)) : null;
    if (state && !state.success) throw new Error(`session ${id}: bad stored checkpoint: ${state.error.message}`);
    const events = log.map((line, i) => {
      const e = LoggedEventShape.safeParse(JSON.parse(line));
      if (!e.success) throw new Error(`session ${id}: bad logged event ${i}: ${e.error.message}`);
      // the shape is checked; the payload is what this cluster's own nodes wrote
      return e.data as unknown as LoggedEvent;
    });
    return {
      def: parsedDef.data as unknown as SessionDefOf,
      state: state?.data ?? null,
      events,
      telemetry: tm ? carriedTelemetry(id, tm) : null,
    };
  }

  /** The session ended: forget it. */
  async forget(id: string): Promise<void> {
    await this.redis
      .multi()
      .srem(this.indexKey, id)
      .del(this.key(id, 'def'), this.key(id, 'cp'), this.key(id, 'log'), this.key(id, 'tm'))
      .exec();
  }
}
