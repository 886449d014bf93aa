import { boundedMove, type StripTiling, weightedTiling } from './tiling.js';

/**
 * Ticks of work measured before the borders may move, the imbalance (slowest ÷ mean) that moves them, and the
 * share of the aircraft one move may hand over (at most; a hand-over costs its tick a re-check of the aircraft).
 */
const RETILE_EVERY_TICKS = 10;
const RETILE_IMBALANCE = 1.06;
const RETILE_MAX_MOVED = 0.005;

/**
 * The shards' recent work, for moving the tile borders towards equal work. Aircraft move and airspace differs, so
 * equal numbers of aircraft are not equal work: every 10 ticks, when the slowest shard worked more than 6 % above
 * the mean, the borders move halfway to the weighted quantiles of the aircraft (each weighing its shard's recent
 * cost per aircraft), handing over at most 0.5 % of the aircraft per border. The events do not depend on where the
 * borders are: the aircraft that change shard are handed over with their state, as when they fly across.
 */
export class WorkWindow {
  private readonly workMs: Float64Array;
  private readonly owned: Float64Array;
  private ticks = 0;

  constructor(private readonly shards: number) {
    this.workMs = new Float64Array(shards);
    this.owned = new Float64Array(shards);
  }

  /** The next tick closes the window: the caller keeps the longitudes of its samples for `follow`. */
  get closesNext(): boolean {
    return this.ticks + 1 >= RETILE_EVERY_TICKS;
  }

  /**
   * Count one tick's work (per shard: ms and aircraft owned); at the end of a window, the tiling to use next
   * (`moved` is called when the borders move). `lons` and `owner`: the tick's samples (empty unless closesNext).
   */
  follow(
    tiling: StripTiling | undefined,
    lons: ArrayLike<number>,
    owner: Int32Array,
    workMs: readonly number[],
    owned: readonly number[],
    moved: () => void,
  ): StripTiling | undefined {
    const n = this.shards;
    for (let s = 0; s < n; s++) {
      this.workMs[s] += workMs[s];
      this.owned[s] += owned[s];
    }
    if (++this.ticks < RETILE_EVERY_TICKS) return tiling;
    let total = 0;
    let slowest = 0;
    for (let s = 0; s < n; s++) {
      total += this.workMs[s];
      slowest = Math.max(slowest, this.workMs[s]);
    }
    let next = tiling;
    if (total > 0 && slowest > (RETILE_IMBALANCE * total) / n) {
      const costOf = Array.from(this.workMs, (w, s) => w / Math.max(1, this.owned[s]));
      const weights = Float64Array.from(owner, (o) => (o < 0 ? 0 : costOf[o]));
      // halfway there, a measured imbalance being partly noise, and with a bounded number of aircraft handed over
      const target = weightedTiling(lons, weights, n).cuts;
      const cuts = tiling?.cuts ?? target;
      const halfway = Float64Array.from(target, (c, k) => (c + cuts[k]) / 2);
      const maxMoved = Math.max(8, Math.ceil(RETILE_MAX_MOVED * lons.length));
      next = { cuts: boundedMove(lons, cuts, halfway, maxMoved) };
      moved();
    }
    this.workMs.fill(0);
    this.owned.fill(0);
    this.ticks = 0;
    return next;
  }
}
