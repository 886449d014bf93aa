import type { CircleFootprint, Footprint } from './footprint.js';
import { circleContains } from './footprint.js';
import type { Grid } from './grid.js';
import { CIRCLE, colOf, rowOf, rowSpan, span } from './grid.js';
import { legTouchesCircle } from './leg.js';
import { edgesContain, segmentsTouch } from './planar.js';

/**
 * The 2-D side of GridZoneIndex's legs and polylines: marks each zone whose footprint a point or leg touches,
 * once per query (generation stamps), into `hits`. Owns the per-zone scratch arrays, so queries allocate nothing.
 */
export class GridWalk {
  /** The zones marked by the current query, `n` of them (the count markPoint and walkLeg return). */
  readonly hits: Int32Array;
  private readonly stamp: Int32Array;
  private gen = 0;
  /** Per-zone "already tested in this leg/row" marks for walkLeg. */
  private readonly probe: Int32Array;
  private probeCounter = 0;

  constructor(
    private readonly grid: Grid,
    private readonly footprints: readonly Footprint[],
  ) {
    const n = footprints.length;
    this.stamp = new Int32Array(n);
    this.hits = new Int32Array(n);
    this.probe = new Int32Array(n);
  }

  nextGen(): number {
    if (this.gen >= 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }

  /** Marks the zones whose footprint contains the point. */
  markPoint(gen: number, n: number, lon: number, lat: number): number {
    const g = this.grid;
    const fx = (lon - g.minX) * g.invW;
    const fy = (lat - g.minY) * g.invH;
    if (!(fx >= 0 && fx < g.nx && fy >= 0 && fy < g.ny)) return n;
    const cell = (fy | 0) * g.nx + (fx | 0); // fx, fy ≥ 0 here, so | 0 floors
    const entries = g.entries;
    const end = 3 * g.cellStart[cell + 1];
    for (let e = 3 * g.cellStart[cell]; e < end; e += 3) {
      const z = entries[e];
      if (this.stamp[z] === gen) continue;
      const from = entries[e + 1];
      if (from >= 0) {
        if (!edgesContain(g.edges, from, entries[e + 2], lon, lat)) continue;
      } else if (from === CIRCLE) {
        if (!circleContains(this.footprints[z] as CircleFootprint, lon, lat)) continue;
      }
      this.stamp[z] = gen;
      this.hits[n++] = z;
    }
    return n;
  }

  /**
   * Visits every cell the leg a–b meets (cells expanded by epsilon) and marks the zones whose boundary the
   * leg touches or whose FULL cell it enters. A leg lying inside a zone without touching its boundary is
   * found by the point test of its start (markPoint). Each circle is tested once per leg, each polygon once
   * per row (cells are visited west to east and the first one's edge list covers the rest of the row).
   */
  walkLeg(gen: number, n: number, ax: number, ay: number, bx: number, by: number): number {
    const g = this.grid;
    if (this.probeCounter > 0x7fff0000) {
      this.probe.fill(0);
      this.probeCounter = 0;
    }
    const legMark = ++this.probeCounter;
    const r0 = rowOf(g, Math.min(ay, by) - g.epsY);
    const r1 = rowOf(g, Math.max(ay, by) + g.epsY);
    for (let r = r0; r <= r1; r++) {
      if (!rowSpan(g, r, ax, ay, bx, by)) continue;
      const rowMark = ++this.probeCounter;
      const cb = colOf(g, span.hi + g.epsX);
      for (let c = colOf(g, span.lo - g.epsX); c <= cb; c++) {
        const cell = r * g.nx + c;
        const end = 3 * g.cellStart[cell + 1];
        for (let e = 3 * g.cellStart[cell]; e < end; e += 3) {
          const z = g.entries[e];
          if (this.stamp[z] === gen) continue;
          const from = g.entries[e + 1];
          if (from >= 0) {
            if (this.probe[z] === rowMark) continue;
            this.probe[z] = rowMark;
            if (!this.edgesTouch(from, g.entries[e + 2], ax, ay, bx, by)) continue;
          } else if (from === CIRCLE) {
            if (this.probe[z] >= legMark) continue;
            this.probe[z] = rowMark;
            if (!legTouchesCircle(this.footprints[z] as CircleFootprint, ax, ay, bx, by)) continue;
          }
          this.stamp[z] = gen;
          this.hits[n++] = z;
        }
      }
    }
    return n;
  }

  private edgesTouch(from: number, to: number, ax: number, ay: number, bx: number, by: number): boolean {
    const e = this.grid.edges;
    const minX = Math.min(ax, bx);
    const maxX = Math.max(ax, bx);
    const minY = Math.min(ay, by);
    const maxY = Math.max(ay, by);
    for (let k = from; k < to; k += 4) {
      const x1 = e[k];
      const y1 = e[k + 1];
      const x2 = e[k + 2];
      const y2 = e[k + 3];
      // Bounding-box rejection first: most edges of the row are nowhere near the leg.
      if ((x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX) || (y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY))
        continue;
      if (segmentsTouch(ax, ay, bx, by, x1, y1, x2, y2)) return true;
    }
    return false;
  }
}
