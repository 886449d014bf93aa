import type { FlightPlan } from '@sua-sandbox/rules/model';
import type { IntentConflict, RouteNetwork, TrafficParams, Volume4D } from '@sua-sandbox/rules/traffic';
import {
  computeOvn,
  conflictFindings,
  GridIntentStore,
  type IntentState,
  type OperationalIntent,
  type OperationalIntentReference,
  type TrafficFinding,
  transitionIntent,
} from '@sua-sandbox/rules/traffic';
import type { Principal } from '../auth/principal.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { Store, StoredIntent } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';
import { buildSubmission } from './intent-build.js';
import { IntentChanges } from './intent-lock.js';

/** Traffic-management data: the trial parameters and the air-route network (rules/data/traffic). */
export interface TrafficData {
  params: TrafficParams;
  network: RouteNetwork;
}

/** Default bound on volumes (legs) per intent: each one is indexed in every cell × bin it reaches. */
export const DEFAULT_MAX_INTENT_VOLUMES = 2_000;

export interface IntentRequest {
  operator: string;
  planId?: string;
  plan?: FlightPlan;
  priorityClass?: string;
  routeId?: string;
  /** delay the plan's start by this many seconds (e.g. the earliestShiftS of a refusal) */
  delayS?: number;
}

export interface ConflictDetail extends IntentConflict {
  /** the other intent's volumes that intersect the submitted ones (indices in `volumes[i][1]`) */
  intersecting_volumes: Volume4D[];
}

export type PutOutcome =
  | {
      accepted: true;
      created: boolean;
      stored: StoredIntent;
      /** conflicts with lower-priority intents (they yield): reported, not blocking */
      conflicts: ConflictDetail[];
      findings: TrafficFinding[];
    }
  | {
      accepted: false;
      message: string;
      conflicts: ConflictDetail[];
      earliestShiftS: number | null;
      findings: TrafficFinding[];
    };

export interface IntentServiceOptions {
  traffic: TrafficData;
  /** waypoints per plan (budgets.ts) */
  maxWaypoints: number;
  maxVolumes: number;
  /** epoch ms; intents that ended before it are neither accepted nor reloaded */
  now: () => number;
  /** a shared store (cluster): how long a change waits for the cluster-wide lock (default 5 s) */
  lockWaitMs?: number;
}

/**
 * Operational intents (issue 16) in F3548 / InterUSS DSS terms: the store keeps every intent, an in-memory
 * GridIntentStore holds the live ones for deconfliction and area queries and is rebuilt from the store at
 * start. Changes run one at a time, so a decision and its write are never interleaved with another's: on this
 * node by its queue, across a cluster's nodes by the store's intents lock (intent-lock.ts).
 */
export class IntentService {
  readonly index: GridIntentStore;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly endedListeners: ((id: string) => void)[] = [];
  /** where changes are decided (intent-lock.ts); vertiport slot bookings are decided there too (vertiports.ts) */
  readonly changes: IntentChanges;

  constructor(
    private readonly store: Store,
    private readonly opts: IntentServiceOptions,
  ) {
    this.index = new GridIntentStore(opts.traffic.params);
    this.changes = new IntentChanges(store, (rec) => this.take(rec.id, rec), opts.lockWaitMs);
  }

  /** Runs after this node changed intent `id` in the store (a cluster tells the other nodes: cluster/intent-bus.ts). */
  onChanged?: (id: string) => void;

  /**
   * Another node changed intent `id` in the shared store: this node's index takes the stored version (queued
   * behind this node's own changes), and an intent that has just ended frees what waits on it here too.
   */
  refresh(id: string): Promise<void> {
    return this.serial(async () => this.take(id, await this.store.intents.get(id)));
  }

  /** This node's index takes the stored version of intent `id` that another node wrote. */
  private take(id: string, rec: StoredIntent | undefined): void {
    if (!rec) {
      this.index.remove(id);
      return;
    }
    // the index drops an intent once it has ended: one it still holds has just ended
    const known = this.index.get(id) !== undefined;
    this.index.put(rec.intent);
    if (rec.intent.reference.state === 'Ended' && known) for (const fn of this.endedListeners) fn(id);
  }

  /** `fn` runs after an intent has ended (its vertiport slots were freed in the same transaction). */
  onEnded(fn: (id: string) => void): void {
    this.endedListeners.push(fn);
  }

  get traffic(): TrafficData {
    return this.opts.traffic;
  }

  /** Loads the intents that are not Ended and end after now. */
  async init(): Promise<number> {
    await this.changes.start();
    const live = await this.store.intents.list({
      excludeStates: ['Ended'],
      endingAfter: new Date(this.opts.now()).toISOString(),
    });
    for (const rec of live) this.index.put(rec.intent);
    return live.length;
  }

  /** Runs `fn` after every change queued before it. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async get(id: string): Promise<StoredIntent> {
    const rec = await this.store.intents.get(id);
    if (!rec) throw notFound('operational intent', id);
    return rec;
  }

  query(aoi: Volume4D): OperationalIntentReference[] {
    return this.index.queryArea(aoi);
  }

  /** PUT: build the intent from the plan, check its route, deconflict; accept (store + index) or refuse. */
  put(id: string, req: IntentRequest, who: Actor & { principal?: Principal }): Promise<PutOutcome> {
    return this.serial(async () => {
      // the slow part first: in a cluster the decision below holds the store-wide lock
      const { intent: first, findings } = await buildSubmission(this.store, this.opts, id, req, who);
      const planId = req.plan ? null : (req.planId ?? null);
      const out = await this.changes.decide(async (repos, write): Promise<PutOutcome> => {
        const previous = await repos.intents.get(id);
        const intent = previous ? nextVersion(first, previous.intent, who.actor) : first;
        const result = this.index.submit(intent);
        const found = [...findings, ...conflictFindings(result, this.traffic.params.provision)];
        const conflicts = result.conflicts.map((c) => this.detail(c));
        if (result.conflicts.some((c) => c.blocking)) {
          const names = [...new Set(result.conflicts.filter((c) => c.blocking).map((c) => c.operator))].join(', ');
          const message = `the intent intersects accepted intents of ${names}`;
          return { accepted: false, message, conflicts, earliestShiftS: result.earliestShiftS, findings: found };
        }
        const stored = await write(async (tx) => {
          const rec = await tx.intents.put({ intent, planId, routeId: req.routeId ?? null });
          const action = previous ? 'update' : 'create';
          await recordAudit(tx, who, action, 'operational-intent', id, previous?.intent ?? null, intent);
          return rec;
        });
        return { accepted: true, created: !previous, stored, conflicts, findings: found };
      });
      // the index takes a change once it is committed
      if (out.accepted) {
        this.index.put(out.stored.intent);
        this.onChanged?.(id);
      }
      return out;
    });
  }

  private detail(c: IntentConflict): ConflictDetail {
    const other = this.index.get(c.intentId);
    const seen = [...new Set(c.volumes.map(([, j]) => j))];
    return { ...c, intersecting_volumes: other ? seen.map((j) => other.details.volumes[j]) : [] };
  }

  /**
   * A state change as F3548 allows it; any other is a 409 naming the allowed ones. Only the intent's manager
   * moves it, or the authority (`overrides`: a regulator or admin) — another USS gets 403.
   */
  transition(id: string, to: IntentState, who: Actor & { overrides?: boolean }): Promise<StoredIntent> {
    return this.serial(async () => {
      const stored = await this.changes.decide(async (repos, write) => {
        const rec = await repos.intents.get(id);
        if (!rec) throw notFound('operational intent', id);
        const manager = rec.intent.reference.manager;
        if (manager !== who.actor && !who.overrides)
          throw forbidden(`operational intent "${id}" is managed by "${manager}", not "${who.actor}"`);
        const moved = transitionIntent(rec.intent, to);
        if (!moved.ok) {
          const allowed = moved.allowed.length ? moved.allowed.join(', ') : 'none (the intent has ended)';
          throw new AppError({
            code: 'conflict',
            status: 409,
            message: `operational intent "${id}" cannot go from ${moved.from} to ${moved.to}; allowed: ${allowed}`,
            issues: [{ path: ['body', 'state'], message: `allowed from ${moved.from}: ${allowed}` }],
          });
        }
        return write(async (tx) => {
          const out = await tx.intents.put({ intent: moved.intent, planId: rec.planId, routeId: rec.routeId });
          if (to === 'Ended') await tx.vertiportSlots.releaseIntent(id);
          await recordAudit(tx, who, 'update', 'operational-intent', id, rec.intent, moved.intent);
          return out;
        });
      });
      this.index.put(stored.intent);
      this.onChanged?.(id);
      if (to === 'Ended') for (const fn of this.endedListeners) fn(id);
      return stored;
    });
  }
}

/** A replacement of intent `previous` (same id) by its manager: the new volumes as its next version. */
function nextVersion(intent: OperationalIntent, previous: OperationalIntent, actor: string): OperationalIntent {
  const ref = previous.reference;
  const id = ref.id;
  if (ref.state === 'Ended') throw conflict(`operational intent "${id}" has ended; use a new id`);
  if (ref.manager !== actor)
    throw conflict(`operational intent "${id}" is managed by "${ref.manager}", not "${actor}"`);
  const version = ref.version + 1;
  const ovn = computeOvn(id, version, ref.state, intent.details.volumes);
  return { ...intent, reference: { ...intent.reference, state: ref.state, version, ovn } };
}
