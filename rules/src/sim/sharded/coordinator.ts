import type { Rulebook } from '../../model/rulebook.js';
import type { MonitorEvent, MonitoredAircraft, MonitorSample, OpenFinding } from '../monitor-types.js';
import { SampleTable } from '../sample-table.js';
import { ownedAt, type Partition, partitionSamples, regAt } from './columns.js';
import type { WatchedSnapshot } from './handoff.js';
import { mergeShardEvents } from './merge.js';
import { FindingsMirror } from './mirror.js';
import type { ShardReply, ShardTick } from './shard.js';
import { grown, type ShardControl, type ShardControlReply } from './shard-control.js';
import { balancedTiling, haloDegrees, type StripTiling } from './tiling.js';
import { WorkWindow } from './work-window.js';

/** How the coordinator reaches one shard (a worker thread in the server, a direct call in tests). */
export interface ShardLink {
  handOff(regs: Int32Array): Promise<WatchedSnapshot[]>;
  tick(t: ShardTick): Promise<ShardReply>;
  control(c: ShardControl): Promise<ShardControlReply>;
}

export interface ShardedMonitorStats {
  ticks: number;
  /** aircraft handed from one shard to another because they crossed a tile border */
  handOffs: number;
  /** samples sent as halo traffic (in addition to one owned sample per aircraft) */
  haloSamples: number;
  ownedSamples: number;
  /** times the tile borders moved towards equal work */
  retilings: number;
}

/**
 * The single monitor's `observe`, over shards: each tick's samples are partitioned by tile (owned + halo), aircraft
 * that crossed a tile border are handed over with their state first, each shard judges the aircraft it owns, and
 * the events are merged back into the single monitor's order. Same events as one Monitor over the same samples.
 */
export class ShardedMonitorCore {
  private readonly regOf = new Map<string, number>();
  /** per aircraft (registry index): the shard that judged it last (-1: none yet), and its flags then */
  private owner: Int32Array;
  private flags: Int32Array;
  /** the registry: the session's aircraft in the order every shard indexes them (telemetry tracks appended) */
  private readonly ids: string[];
  /** the first registry indices: the scenario's aircraft (never removed) */
  private readonly simulated: number;
  private readonly mirror = new FindingsMirror();
  /** registry indices of aircraft that left (telemetry tracks removed) */
  private readonly gone = new Set<number>();
  /** the last tick's samples, copied (the single monitor keeps each aircraft's last): a rulebook change re-judges at them */
  private readonly last = new SampleTable(0);
  private tiling: StripTiling | undefined;
  private zones: [string, boolean][] = [];
  private changes = 0;
  readonly stats: ShardedMonitorStats = { ticks: 0, handOffs: 0, haloSamples: 0, ownedSamples: 0, retilings: 0 };
  /** a tiling given by the caller stays; one of our own follows the work */
  private readonly adaptive: boolean;
  private readonly window: WorkWindow;

  /**
   * @param ids the aircraft in the order every shard's monitor added them (their registry indices)
   * @param horizontalM the separation minimum the shards apply (see separationMinima)
   */
  constructor(
    private readonly links: readonly ShardLink[],
    ids: readonly string[],
    private horizontalM: number,
    tiling?: StripTiling,
  ) {
    this.ids = [...ids];
    this.simulated = ids.length;
    ids.forEach((id, i) => {
      this.regOf.set(id, i);
    });
    this.owner = new Int32Array(ids.length).fill(-1);
    this.flags = new Int32Array(ids.length);
    this.tiling = tiling;
    this.adaptive = tiling === undefined;
    this.window = new WorkWindow(links.length);
  }

  get shards(): number {
    return this.links.length;
  }

  get currentTiling(): StripTiling | undefined {
    return this.tiling;
  }

  /** A session zone appeared or disappeared (sent with the next tick, before it is judged). */
  setZonePresent(zoneId: string, on: boolean): void {
    this.zones.push([zoneId, on]);
  }

  airspaceChanged(): void {
    this.changes++;
  }

  /** A new rulebook brought other separation minima: the halo follows. */
  setHorizontalMinimum(horizontalM: number): void {
    this.horizontalM = horizontalM;
  }

  flagsOf(id: string): number {
    const reg = this.regOf.get(id);
    return reg === undefined ? 0 : this.flags[reg];
  }

  /** Monitor flags of the aircraft at registry index `reg` (the scenario's aircraft are its first indices). */
  flagsAtReg(reg: number): number {
    return this.flags[reg] ?? 0;
  }

  openFindings(): OpenFinding[] {
    return this.mirror.openFindings((id) => this.regOf.get(id) ?? 0);
  }

  occupancy(): Record<string, string[]> {
    return this.mirror.occupancy((id) => this.regOf.get(id) ?? 0);
  }

  /**
   * A new aircraft (a telemetry track), appended to every shard's registry; judged from its first sample on. An
   * aircraft that left and comes back is registered again under a new index, as the single monitor adds it anew.
   */
  async addAircraft(info: MonitoredAircraft): Promise<void> {
    const reg = this.ids.length;
    this.ids.push(info.id);
    this.regOf.set(info.id, reg);
    this.owner = grown(this.owner, reg + 1, (n) => new Int32Array(n).fill(-1));
    this.flags = grown(this.flags, reg + 1, (n) => new Int32Array(n));
    this.owner[reg] = -1;
    this.flags[reg] = 0;
    await Promise.all(this.links.map((l) => l.control({ type: 'add', reg, aircraft: info })));
  }

  /**
   * A new rulebook and separation minima (`haloM`: the horizontal minimum they apply, separationMinima) on every
   * shard, each aircraft re-judged at its last sample: the single monitor's events, in its order.
   */
  setRulebook(
    rulebook: Rulebook,
    separation: { horizontalM: number; verticalM: number },
    tMs: number,
    haloM: number,
  ): Promise<MonitorEvent[]> {
    this.horizontalM = haloM;
    const traffic: MonitorSample[] = [];
    const regs: number[] = [];
    for (const s of this.last.toSamples()) {
      const reg = this.regOf.get(s.id);
      if (reg === undefined || this.gone.has(reg)) continue;
      traffic.push(s);
      regs.push(reg);
    }
    const at = traffic.map((_, i) => i).sort((p, q) => regs[p] - regs[q]);
    return this.control({ type: 'rulebook', rulebook, separation, tMs, traffic: at.map((i) => traffic[i]) });
  }

  /** A change between ticks on every shard (see ShardControl): the single monitor's events for it, in its order. */
  async control(c: Exclude<ShardControl, { type: 'add' }>): Promise<MonitorEvent[]> {
    const replies = await Promise.all(this.links.map((l) => l.control(c)));
    for (const r of replies) for (let k = 0; k < r.flagRegs.length; k++) this.flags[r.flagRegs[k]] = r.flagValues[k];
    if (c.type === 'remove') {
      const reg = this.regOf.get(c.id);
      if (reg !== undefined) {
        this.owner[reg] = -1;
        this.gone.add(reg);
      }
    }
    const events = mergeShardEvents(replies);
    this.mirror.apply(events);
    return events;
  }

  /** The shard judging an aircraft now (-1 before its first sample). */
  ownerOf(id: string): number {
    const reg = this.regOf.get(id);
    return reg === undefined ? -1 : this.owner[reg];
  }

  /** Judge these samples (records: copied into a table first; a simulation's own table goes to observeTable). */
  observe(samples: readonly MonitorSample[], tMs: number): Promise<MonitorEvent[]> {
    return this.observeTable(SampleTable.of(samples), tMs);
  }

  /**
   * Judge the table's rows (a simulation's: its aircraft in registry order, then any telemetry aircraft). The
   * table is read before the first await: the caller may step it again once the returned promise is made.
   */
  async observeTable(table: SampleTable, tMs: number): Promise<MonitorEvent[]> {
    const n = this.links.length;
    const rows = table.count;
    this.last.copyFrom(table, rows);
    this.tiling ??= balancedTiling(table.lon.subarray(0, rows), n);
    let maxAbsLat = 0;
    for (let i = 0; i < rows; i++) maxAbsLat = Math.max(maxAbsLat, Math.abs(table.lat[i]));
    const part = partitionSamples(
      table,
      // the run lists its simulated aircraft in registry order; a telemetry aircraft that came back has a newer index
      (id, i) => (i < this.simulated && this.ids[i] === id ? i : this.regOf.get(id)),
      this.tiling,
      haloDegrees(this.horizontalM, maxAbsLat),
    );
    // the longitudes now, for moving the borders after the replies (the caller may step its table meanwhile)
    const lons = this.adaptive && n > 1 && this.window.closesNext ? this.last.lon.slice(0, rows) : [];
    const takeOver = await this.handOver(part);
    const ownedRegs = part.shards.map((c) => {
      const regs: number[] = [];
      for (let k = 0; k < c.count; k++) if (ownedAt(c, k)) regs.push(regAt(c, k));
      this.stats.ownedSamples += regs.length;
      this.stats.haloSamples += c.count - regs.length;
      return regs;
    });
    const zones = this.zones;
    const airspaceChanged = this.changes;
    this.zones = [];
    this.changes = 0;
    const replies = await Promise.all(
      this.links.map((link, s) =>
        link.tick({ tMs, takeOver: takeOver[s], zones, airspaceChanged, samples: part.shards[s] }),
      ),
    );
    for (let s = 0; s < n; s++) {
      const regs = ownedRegs[s];
      const flags = replies[s].flags;
      for (let k = 0; k < regs.length; k++) this.flags[regs[k]] = flags[k];
    }
    this.stats.ticks++;
    if (this.adaptive && n > 1)
      this.tiling = this.window.follow(
        this.tiling,
        lons,
        part.owner,
        replies.map((r) => r.workMs),
        ownedRegs.map((r) => r.length),
        () => this.stats.retilings++,
      );
    const events = mergeShardEvents(replies);
    this.mirror.apply(events);
    return events;
  }

  /** Aircraft now over another shard's tile than last judged: their state, from the old shard for the new one. */
  private async handOver(part: Partition): Promise<WatchedSnapshot[][]> {
    const n = this.links.length;
    const leaving: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < part.owner.length; i++) {
      const to = part.owner[i];
      if (to < 0) continue;
      const reg = part.regs[i];
      const from = this.owner[reg];
      if (from >= 0 && from !== to) leaving[from].push(reg);
      this.owner[reg] = to;
    }
    const takeOver: WatchedSnapshot[][] = Array.from({ length: n }, () => []);
    const moved = await Promise.all(
      this.links.map((link, s) => (leaving[s].length > 0 ? link.handOff(Int32Array.from(leaving[s])) : [])),
    );
    for (const list of moved)
      for (const snap of list) {
        this.stats.handOffs++;
        takeOver[this.owner[this.regOf.get(snap.id) ?? 0]].push(snap);
      }
    return takeOver;
  }
}
