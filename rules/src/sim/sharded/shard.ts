import type { LiveEvaluator } from '../../engine/index.js';
import type { Monitor } from '../monitor.js';
import type { MonitorEvent, MonitoredAircraft, MonitorSample } from '../monitor-types.js';
import { blankSample } from '../sample-table.js';
import { orderAt, ownedAt, readSample, regAt, type SampleColumns } from './columns.js';
import type { WatchedSnapshot } from './handoff.js';
import { grown, NO_CONTROL_EVENTS, type ShardControl, type ShardControlReply } from './shard-control.js';

/** What a shard receives for one tick. */
export interface ShardTick {
  tMs: number;
  /** aircraft that moved into this shard's tiles, with their state as their previous shard left it */
  takeOver: WatchedSnapshot[];
  /** aircraft (registry indices) this shard judges this tick and then releases: they flew over another's tile */
  release: Int32Array;
  /** session zones switched on or off since the last tick (in order) */
  zones: [string, boolean][];
  /** how many times the airspace changed since the last tick (Monitor.airspaceChanged) */
  airspaceChanged: number;
  samples: SampleColumns;
}

/** A shard's answer for one tick. */
export interface ShardReply {
  /** the events of the aircraft it owns, in the order of the tick's sample list */
  events: MonitorEvent[];
  /** per event, the place in the tick's sample list of its aircraft (the merge key) */
  eventOrder: Int32Array;
  /** per sample the shard owns (in its order), the aircraft's monitor flags */
  flags: Int32Array;
  /** how long judging took (ms, by the shard's clock): the coordinator moves the tile borders towards equal work */
  workMs: number;
  /** the state of the aircraft released after judging (ShardTick.release), for their next shard */
  released: WatchedSnapshot[];
}

/** Switches session zones on and off (the run's layered index). */
export interface ZonePresence {
  setPresent(zoneId: string, on: boolean): boolean;
}

/**
 * One shard of a sharded monitor, wherever it runs (a worker thread, or in-process in tests): a Monitor that judges
 * only the aircraft over its tiles; the others in its halo are traffic for separation. Its monitor watches only the
 * aircraft the shard owns: each is added (`addAircraft`) when it first comes over the shard's tiles and released
 * when it is handed to another shard, so a shard's memory and cache footprint follow its share of the traffic
 * (when every shard watched every aircraft of the session, two shard threads used 30 % more CPU than one). Build
 * one for a scenario with scenarioShard. Pure; the transport lives in the server.
 */
export class MonitorShard {
  private readonly regOf = new Map<string, number>();
  /** the registry: the session's aircraft in the order every shard and the coordinator index them */
  private readonly aircraft: MonitoredAircraft[];
  private readonly evaluators: LiveEvaluator[];
  readonly ids: string[];
  /** one sample record per aircraft, reused tick after tick (the monitor keeps the latest as it is) */
  private readonly records: (MonitorSample | undefined)[];
  private orderOfReg: Int32Array;
  /** per aircraft (registry index), 1 when this shard's monitor watches it */
  private watching: Uint8Array;
  /** per registry index, 1 once the aircraft left the session (a telemetry track removed) */
  private removed: Uint8Array;
  /** the tick's samples (owned and halo) */
  private readonly list: MonitorSample[] = [];
  private withdrawn: ReadonlySet<string>;

  /**
   * @param aircraft the registry, each aircraft's evaluator prepared here in this order, as the single monitor
   *   prepares them when the run starts (a plan's evaluation depends on the zones present then)
   */
  constructor(
    private readonly monitor: Monitor,
    private readonly airspace: ZonePresence | null,
    aircraft: readonly MonitoredAircraft[],
    /** the permissions withdrawn when the run starts (already given to the monitor) */
    withdrawn: ReadonlySet<string>,
    /** a clock in ms for `workMs` (the library reads none itself; without one every tick reports 0) */
    private readonly clockMs: () => number = () => 0,
  ) {
    this.aircraft = [...aircraft];
    this.evaluators = this.aircraft.map((a) => monitor.prepareFor(a));
    this.ids = this.aircraft.map((a) => a.id);
    this.ids.forEach((id, i) => {
      this.regOf.set(id, i);
    });
    this.withdrawn = withdrawn;
    this.orderOfReg = new Int32Array(this.ids.length);
    this.watching = new Uint8Array(this.ids.length);
    this.removed = new Uint8Array(this.ids.length);
    // filled up front: written at scattered indices, a growing array would fall back to a slow dictionary
    this.records = new Array<MonitorSample | undefined>(this.ids.length).fill(undefined);
  }

  /** The state of these aircraft (registry indices), for the shards they move to. */
  handOff(regs: Int32Array): WatchedSnapshot[] {
    const out: WatchedSnapshot[] = [];
    for (const r of regs) {
      const s = this.monitor.release(this.ids[r]);
      this.watching[r] = 0;
      if (s) out.push(s);
    }
    return out;
  }

  /** Start watching aircraft `reg` if this shard does not yet. */
  private watch(reg: number): void {
    if (this.watching[reg] === 1) return;
    this.monitor.add(this.aircraft[reg], this.evaluators[reg]);
    this.watching[reg] = 1;
  }

  /** Carry on judging these aircraft from the state another shard (or this one) released. */
  private takeOver(snapshots: readonly WatchedSnapshot[]): void {
    for (const s of snapshots) {
      const reg = this.regOf.get(s.id);
      if (reg !== undefined) this.watch(reg);
      this.monitor.takeOver(s);
    }
  }

  tick(t: ShardTick): ShardReply {
    const t0 = this.clockMs();
    this.takeOver(t.takeOver);
    for (const [id, on] of t.zones) this.airspace?.setPresent(id, on);
    for (let k = 0; k < t.airspaceChanged; k++) this.monitor.airspaceChanged();
    const c = t.samples;
    const list = this.list;
    const judged = new Uint8Array(c.count);
    const regs = new Int32Array(c.count);
    let owned = 0;
    for (let k = 0; k < c.count; k++) {
      const reg = regAt(c, k);
      regs[k] = reg;
      const record = this.records[reg] ?? blankSample();
      this.records[reg] = record;
      list[k] = readSample(c, k, this.ids[reg], record);
      judged[k] = ownedAt(c, k) ? 1 : 0;
      if (judged[k] === 1) this.watch(reg);
      owned += judged[k];
      this.orderOfReg[reg] = orderAt(c, k);
    }
    list.length = c.count;
    const events = this.monitor.observe(list, t.tMs, judged, regs);
    const eventOrder = new Int32Array(events.length);
    for (let e = 0; e < events.length; e++) eventOrder[e] = this.orderOfReg[this.regOf.get(events[e].aircraftId) ?? 0];
    const flags = new Int32Array(owned);
    let f = 0;
    for (let k = 0; k < c.count; k++) if (judged[k] === 1) flags[f++] = this.monitor.flagsAt(regs[k], list[k].id);
    const released = t.release.length > 0 ? this.handOff(t.release) : [];
    return { events, eventOrder, flags, workMs: this.clockMs() - t0, released };
  }

  /** A change between ticks (see ShardControl), applied as the single monitor applies it. */
  control(c: ShardControl): ShardControlReply {
    switch (c.type) {
      case 'take-over':
        this.takeOver(c.snapshots);
        return NO_CONTROL_EVENTS;
      case 'add':
        this.register(c.reg, c.aircraft);
        return NO_CONTROL_EVENTS;
      case 'update': {
        const reg = this.regOf.get(c.aircraft.id);
        if (reg === undefined) return NO_CONTROL_EVENTS;
        this.aircraft[reg] = c.aircraft;
        if (this.watching[reg] === 0) {
          this.evaluators[reg] = this.monitor.prepareFor(c.aircraft);
          return NO_CONTROL_EVENTS;
        }
        const events = this.monitor.update(c.aircraft, c.tMs);
        this.evaluators[reg] = this.monitor.evaluatorOf(c.aircraft.id) ?? this.evaluators[reg];
        return this.replyOf(events);
      }
      case 'remove': {
        const reg = this.regOf.get(c.id);
        if (reg === undefined) return NO_CONTROL_EVENTS;
        this.removed[reg] = 1;
        if (this.watching[reg] === 0) return NO_CONTROL_EVENTS;
        this.watching[reg] = 0;
        return this.replyOf(this.monitor.remove(c.id, c.tMs));
      }
      case 'withdraw': {
        const before = this.withdrawn;
        this.withdrawn = new Set(c.permissions);
        const now = this.withdrawn;
        const events = this.monitor.setWithdrawnPermissions(now, c.tMs);
        this.prepareAgain((a) => a.permissions.some((p) => before.has(p.id) !== now.has(p.id)));
        return this.replyOf(events);
      }
      case 'rulebook': {
        const events = this.monitor.setRulebook(c.rulebook, c.tMs, c.separation, c.traffic);
        this.prepareAgain(() => true);
        return this.replyOf(events);
      }
    }
  }

  /** A new aircraft (a telemetry track) at registry index `reg`, its evaluator prepared now as `add` prepares it. */
  private register(reg: number, info: MonitoredAircraft): void {
    if (reg !== this.ids.length) throw new Error(`shard registry out of step: ${reg} sent, ${this.ids.length} next`);
    this.aircraft.push(info);
    this.evaluators.push(this.monitor.prepareFor(info));
    this.ids.push(info.id);
    this.regOf.set(info.id, reg);
    this.records.push(undefined);
    const n = this.ids.length;
    this.orderOfReg = grown(this.orderOfReg, n, (k) => new Int32Array(k));
    this.watching = grown(this.watching, n, (k) => new Uint8Array(k));
    this.removed = grown(this.removed, n, (k) => new Uint8Array(k));
  }

  /** Evaluators of aircraft not watched here, prepared again (the watched ones the monitor re-prepared itself). */
  private prepareAgain(affected: (a: MonitoredAircraft) => boolean): void {
    for (let reg = 0; reg < this.aircraft.length; reg++) {
      if (this.removed[reg] === 1 || !affected(this.aircraft[reg])) continue;
      const id = this.ids[reg];
      this.evaluators[reg] =
        this.watching[reg] === 1
          ? (this.monitor.evaluatorOf(id) ?? this.evaluators[reg])
          : this.monitor.prepareFor(this.aircraft[reg]);
    }
  }

  /** Events in registry order (this monitor watches in arrival order), each aircraft's in its own order. */
  private replyOf(unordered: MonitorEvent[]): ShardControlReply {
    if (unordered.length === 0) return NO_CONTROL_EVENTS;
    const regs = unordered.map((e) => this.regOf.get(e.aircraftId) ?? 0);
    const at = unordered.map((_, i) => i).sort((p, q) => regs[p] - regs[q] || p - q);
    const events = at.map((i) => unordered[i]);
    const eventOrder = Int32Array.from(at, (i) => regs[i]);
    const flagRegs = Int32Array.from(new Set(eventOrder));
    const flagValues = Int32Array.from(flagRegs, (reg) => this.monitor.flagsOf(this.ids[reg]));
    return { events, eventOrder, flagRegs, flagValues };
  }
}
