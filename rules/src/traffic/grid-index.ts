import { areaMeets, compileArea } from './aoi.js';
import { type CompiledIntent, type CompiledVolume, compileIntent } from './compiled.js';
import type { OperationalIntent, OperationalIntentReference } from './intent.js';
import { earliestShift, findIntentConflicts, type SubmitResult } from './overlap.js';
import type { TrafficParams } from './params.js';
import { createPlane, type Plane, pointSegmentDist2 } from './plane.js';
import type { IntentStore } from './store.js';
import type { Volume4D } from './volume.js';

const AXIS = 4096; // cells per axis: ±2,048 cells about the plane's origin; points beyond share the edge cells
const HALF = AXIS / 2;
/** a volume spanning more time bins than this is indexed by space alone (rare: multi-hour volumes) */
const MAX_BINS = 64;

/**
 * Accepted intents hashed by (space cell, time bin) → intents (the DSS's S2 cells × time, on a square grid
 * in the shared plane). A volume is entered in every cell its capsule can reach, for every bin its window
 * touches; a query collects the intents in the cells and bins of the submitted volumes (for the shift
 * search, bins up to maxShiftS later) and runs the exact test on them alone.
 */
export class GridIntentStore implements IntentStore {
  private readonly plane: Plane;
  private readonly cellM: number;
  private readonly binMs: number;
  private readonly byId = new Map<string, CompiledIntent>();
  /** time bin → (cell → intents): both keys stay small integers, which V8 hashes fast */
  private bins = new Map<number, Map<number, CompiledIntent[]>>();
  private longBuckets = new Map<number, CompiledIntent[]>();
  private dead = 0;
  private stamp = 0;

  constructor(private readonly params: TrafficParams) {
    this.plane = createPlane(params.plane.originLon, params.plane.originLat);
    this.cellM = params.deconfliction.cellM;
    this.binMs = params.deconfliction.binS * 1000;
  }

  get size(): number {
    return this.byId.size;
  }

  private cell(v: number): number {
    const c = Math.floor(v / this.cellM) + HALF;
    return c < 0 ? 0 : c >= AXIS ? AXIS - 1 : c;
  }

  /** The keys of the cells within r of the capsule's segment (every cell of its box, if `box`). */
  private cellsOf(v: CompiledVolume, box = false): number[] {
    const x0 = this.cell(Math.min(v.ax, v.bx) - v.r);
    const x1 = this.cell(Math.max(v.ax, v.bx) + v.r);
    const y0 = this.cell(Math.min(v.ay, v.by) - v.r);
    const y1 = this.cell(Math.max(v.ay, v.by) + v.r);
    const reach = v.r + this.cellM * Math.SQRT1_2; // a cell meets the capsule only if its centre is this close
    const reach2 = reach * reach;
    const out: number[] = [];
    for (let cy = y0; cy <= y1; cy++)
      for (let cx = x0; cx <= x1; cx++) {
        const edge = cx === 0 || cy === 0 || cx === AXIS - 1 || cy === AXIS - 1;
        if (!box && !edge) {
          const px = (cx - HALF + 0.5) * this.cellM;
          const py = (cy - HALF + 0.5) * this.cellM;
          if (pointSegmentDist2(px, py, v.ax, v.ay, v.bx, v.by) > reach2) continue;
        }
        out.push(cy * AXIS + cx);
      }
    return out;
  }

  private insert(c: CompiledIntent): void {
    const add = (map: Map<number, CompiledIntent[]>, key: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    };
    for (const v of c.volumes) {
      const b0 = Math.floor(v.t0 / this.binMs);
      const b1 = Math.floor(v.t1 / this.binMs);
      const cells = this.cellsOf(v);
      if (b1 - b0 >= MAX_BINS) {
        for (const k of cells) add(this.longBuckets, k);
        continue;
      }
      for (let b = b0; b <= b1; b++) {
        let bin = this.bins.get(b);
        if (!bin) {
          bin = new Map();
          this.bins.set(b, bin);
        }
        for (const k of cells) add(bin, k);
      }
    }
  }

  /** The live intents that may meet any of the volumes, each once; `extraMs` widens every window's end. */
  private collect(volumes: readonly CompiledVolume[], extraMs: number, box = false): CompiledIntent[] {
    const stamp = ++this.stamp;
    const out: CompiledIntent[] = [];
    const take = (list: CompiledIntent[] | undefined) => {
      if (!list) return;
      for (const o of list)
        if (o.stamp !== stamp && o.alive) {
          o.stamp = stamp;
          out.push(o);
        }
    };
    for (const v of volumes) {
      const cells = this.cellsOf(v, box);
      if (this.longBuckets.size > 0) for (const k of cells) take(this.longBuckets.get(k));
      const b1 = Math.floor((v.t1 + extraMs) / this.binMs);
      for (let b = Math.floor(v.t0 / this.binMs); b <= b1; b++) {
        const bin = this.bins.get(b);
        if (bin) for (const k of cells) take(bin.get(k));
      }
    }
    return out;
  }

  submit(intent: OperationalIntent): SubmitResult {
    const c = compileIntent(this.plane, intent);
    const conflicts = findIntentConflicts(c, this.collect(c.volumes, 0));
    if (!conflicts.some((k) => k.blocking)) return { conflicts, earliestShiftS: 0 };
    const maxShiftS = this.params.deconfliction.maxShiftS;
    return { conflicts, earliestShiftS: earliestShift(c, this.collect(c.volumes, maxShiftS * 1000), maxShiftS) };
  }

  put(intent: OperationalIntent): void {
    this.remove(intent.reference.id);
    if (intent.reference.state === 'Ended') return;
    const c = compileIntent(this.plane, intent);
    this.byId.set(c.id, c);
    this.insert(c);
  }

  remove(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    old.alive = false;
    this.byId.delete(id);
    // Removed intents stay in their buckets (skipped) until they outnumber the live ones.
    if (++this.dead > Math.max(1024, this.byId.size)) this.rebuild();
    return true;
  }

  private rebuild(): void {
    this.bins = new Map();
    this.longBuckets = new Map();
    this.dead = 0;
    for (const c of this.byId.values()) this.insert(c);
  }

  get(id: string): OperationalIntent | undefined {
    return this.byId.get(id)?.source;
  }

  queryArea(aoi: Volume4D): OperationalIntentReference[] {
    const area = compileArea(this.plane, aoi);
    return this.collect([area.volume], 0, area.ring !== null)
      .filter((c) => c.volumes.some((v) => areaMeets(area, v)))
      .map((c) => c.source.reference)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
