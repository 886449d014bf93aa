import type { Monitor } from '../monitor.js';
import type { MonitorEvent, MonitorSample } from '../monitor-types.js';
import { orderAt, ownedAt, readSample, regAt, type SampleColumns } from './columns.js';
import type { WatchedSnapshot } from './handoff.js';

/** What a shard receives for one tick. */
export interface ShardTick {
  tMs: number;
  /** aircraft that moved into this shard's tiles, with their state as their previous shard left it */
  takeOver: WatchedSnapshot[];
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
  /** one sample record per aircraft, reused tick after tick (the monitor keeps the latest as it is) */
  private readonly records: (MonitorSample | undefined)[];
  private readonly orderOfReg: Int32Array;
  private readonly list: MonitorSample[] = [];
  /** per aircraft (registry index), 1 when this shard's monitor watches it */
  private readonly watching: Uint8Array;

  constructor(
    private readonly monitor: Monitor,
    private readonly airspace: ZonePresence | null,
    readonly ids: readonly string[],
    /** adds an aircraft (registry index) to the monitor, when it first comes over this shard */
    private readonly addAircraft: (reg: number) => void,
    /** a clock in ms for `workMs` (the library reads none itself; without one every tick reports 0) */
    private readonly clockMs: () => number = () => 0,
  ) {
    ids.forEach((id, i) => {
      this.regOf.set(id, i);
    });
    this.orderOfReg = new Int32Array(ids.length);
    this.watching = new Uint8Array(ids.length);
    // filled up front: written at scattered indices, a growing array would fall back to a slow dictionary
    this.records = new Array<MonitorSample | undefined>(ids.length).fill(undefined);
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
    this.addAircraft(reg);
    this.watching[reg] = 1;
  }

  tick(t: ShardTick): ShardReply {
    const t0 = this.clockMs();
    for (const s of t.takeOver) {
      const reg = this.regOf.get(s.id);
      if (reg !== undefined) this.watch(reg);
      this.monitor.takeOver(s);
    }
    for (const [id, on] of t.zones) this.airspace?.setPresent(id, on);
    for (let k = 0; k < t.airspaceChanged; k++) this.monitor.airspaceChanged();
    const c = t.samples;
    const list = this.list;
    const judged = new Uint8Array(c.count);
    let owned = 0;
    for (let k = 0; k < c.count; k++) {
      const reg = regAt(c, k);
      const record = this.records[reg] ?? {
        id: '',
        lon: 0,
        lat: 0,
        altAmslM: 0,
        tMs: 0,
        groundSpeedMps: 0,
        airborne: false,
        pilotLon: undefined,
        pilotLat: undefined,
        leg: undefined,
      };
      this.records[reg] = record;
      list[k] = readSample(c, k, this.ids[reg], record);
      judged[k] = ownedAt(c, k) ? 1 : 0;
      if (judged[k] === 1) this.watch(reg);
      owned += judged[k];
      this.orderOfReg[reg] = orderAt(c, k);
    }
    list.length = c.count;
    const events = this.monitor.observe(list, t.tMs, judged);
    const eventOrder = new Int32Array(events.length);
    for (let e = 0; e < events.length; e++) eventOrder[e] = this.orderOfReg[this.regOf.get(events[e].aircraftId) ?? 0];
    const flags = new Int32Array(owned);
    let f = 0;
    for (let k = 0; k < c.count; k++) if (judged[k] === 1) flags[f++] = this.monitor.flagsAt(k, list[k].id);
    return { events, eventOrder, flags, workMs: this.clockMs() - t0 };
  }
}
