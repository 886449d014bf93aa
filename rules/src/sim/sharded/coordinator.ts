import type { Rulebook } from '../../model/rulebook.js';
import type { MonitorEvent, MonitoredAircraft, MonitorSample, OpenFinding } from '../monitor-types.js';
import { SampleTable } from '../sample-table.js';
import { ownedAt, partitionSamples, regAt, TableOrder } from './columns.js';
import type { WatchedSnapshot } from './handoff.js';
import { mergeShardEvents } from './merge.js';
import { FindingsMirror } from './mirror.js';
import { Ownership, REACH_M } from './ownership.js';
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
  /** aircraft handed from one shard to another because they crossed a tile border (or a border moved) */
  handOffs: number;
  /** ticks that first waited for a hand-over from the shards (an aircraft beyond reach of its owner: Ownership) */
  handOffRounds: number;
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
  /** which shard judges each aircraft, and the hand-overs between them */
  private readonly ownership: Ownership;
  /** per aircraft (registry index): its flags when last judged */
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
  readonly stats: ShardedMonitorStats = {
    ticks: 0,
    handOffs: 0,
    handOffRounds: 0,
    haloSamples: 0,
    ownedSamples: 0,
    retilings: 0,
  };
  /** a tiling given by the caller stays; one of our own follows the work */
  private readonly adaptive: boolean;
  /** which tables list the simulated aircraft first, in registry order */
  private readonly order: TableOrder;
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
    this.order = new TableOrder(this.ids.slice());
    ids.forEach((id, i) => {
      this.regOf.set(id, i);
    });
    this.ownership = new Ownership(ids.length, links.length);
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
    this.ownership.register(reg);
    this.flags = grown(this.flags, reg + 1, (n) => new Int32Array(n));
    this.flags[reg] = 0;
    await this.returnReleased();
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
  async control(c: Exclude<ShardControl, { type: 'add' | 'take-over' }>): Promise<MonitorEvent[]> {
    await this.returnReleased();
    const replies = await Promise.all(this.links.map((l) => l.control(c)));
    for (const r of replies) for (let k = 0; k < r.flagRegs.length; k++) this.flags[r.flagRegs[k]] = r.flagValues[k];
    if (c.type === 'remove') {
      const reg = this.regOf.get(c.id);
      if (reg !== undefined) {
        this.ownership.forget(reg);
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
    return reg === undefined ? -1 : this.ownership.ownerOf(reg);
  }

  /** Before a change between ticks: the states released after the last tick back to the shards that released them. */
  private async returnReleased(): Promise<void> {
    const back = this.ownership.takePending();
    await Promise.all(
      this.links.map((l, s) => (back[s].length > 0 ? l.control({ type: 'take-over', snapshots: back[s] }) : null)),
    );
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
    const tiling = this.tiling;
    let maxAbsLat = 0;
    for (let i = 0; i < rows; i++) maxAbsLat = Math.max(maxAbsLat, Math.abs(table.lat[i]));
    const own = this.ownership;
    own.begin(tiling, maxAbsLat);
    const part = partitionSamples(
      table,
      // the run lists its simulated aircraft in registry order; a telemetry aircraft that came back has a newer index
      this.order.inOrder(table)
        ? (id, i) => (i < this.simulated ? i : this.regOf.get(id))
        : (id, i) => (i < this.simulated && this.ids[i] === id ? i : this.regOf.get(id)),
      tiling,
      // an owner judges an aircraft up to REACH_M past its strip (Ownership): it must see the traffic around it there
      haloDegrees(this.horizontalM + REACH_M, maxAbsLat),
      (reg, tile, lon) => own.assign(reg, tile, lon),
    );
    own.end();
    // the longitudes now, for moving the borders after the replies (the caller may step its table meanwhile)
    const lons = this.adaptive && n > 1 && this.window.closesNext ? this.last.lon.slice(0, rows) : [];
    const takeOver = await this.handOver(own.leaving, own.takeOver);
    const release = own.release.map((regs) => Int32Array.from(regs));
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
        link.tick({ tMs, takeOver: takeOver[s], release: release[s], zones, airspaceChanged, samples: part.shards[s] }),
      ),
    );
    for (let s = 0; s < n; s++) {
      const regs = ownedRegs[s];
      const flags = replies[s].flags;
      for (let k = 0; k < regs.length; k++) this.flags[regs[k]] = flags[k];
      for (const snap of replies[s].released) {
        const reg = this.regOf.get(snap.id);
        if (reg === undefined) continue;
        own.hold(reg, snap);
        this.stats.handOffs++;
      }
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

  /**
   * Aircraft beyond reach of the shard that judged them last (Ownership): their state from that shard, before the
   * tick, added to what each shard takes over.
   */
  private async handOver(leaving: number[][], takeOver: WatchedSnapshot[][]): Promise<WatchedSnapshot[][]> {
    if (leaving.every((l) => l.length === 0)) return takeOver;
    this.stats.handOffRounds++;
    const moved = await Promise.all(
      this.links.map((link, s) => (leaving[s].length > 0 ? link.handOff(Int32Array.from(leaving[s])) : [])),
    );
    for (const list of moved)
      for (const snap of list) {
        this.stats.handOffs++;
        takeOver[this.ownership.ownerOf(this.regOf.get(snap.id) ?? 0)].push(snap);
      }
    return takeOver;
  }
}
