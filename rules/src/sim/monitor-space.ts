import { distance as greatCircleKm } from 'geokdbush';
import type { ZoneIndex } from '../airspace/types.js';
import { sameRule } from '../engine/findings.js';
import type { AirspaceView } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { metresPerDegLat, metresPerDegLon } from './geo.js';
import { type Positioned, r1, sameIds, whereOf } from './monitor-checks.js';
import { type MonitorRule, metresParam, monitorFinding, monitorRule } from './monitor-rules.js';
import { type Held, NONE } from './monitor-state.js';
import type { MonitorSample } from './monitor-types.js';
import { type Conflict, findConflicts, type SeparationPoint } from './separation.js';

/** Separation minima in metres. */
export interface Minima {
  horizontalM: number;
  verticalM: number;
}

/**
 * One aircraft's separation advisory against another that holds now. Worded only when read: the monitor finds
 * every conflicting pair on every tick, but an advisory already open is compared by rule (sameRuleAs), so only
 * the ones that open need their words. Where and when are copied: samples are records the caller reuses.
 */
export class SeparationHeld implements Held {
  private built?: Finding;
  private readonly lon: number;
  private readonly lat: number;
  private readonly altAmslM: number;
  private readonly tMs: number;
  private readonly leg: number | undefined;

  constructor(
    readonly key: string,
    self: Positioned,
    private readonly otherId: string,
    private readonly c: Conflict,
    private readonly rule: MonitorRule,
    private readonly rulebook: Rulebook,
    private readonly minima: Minima,
  ) {
    this.lon = self.lon;
    this.lat = self.lat;
    this.altAmslM = self.altAmslM;
    this.tMs = self.tMs;
    this.leg = self.leg;
  }

  /** sameRule(f, this.finding) without wording it: the rule's id, effect 'advisory', limit in m, no cover. */
  sameRuleAs(f: Finding): boolean {
    if (this.built) return sameRule(f, this.built);
    return (
      f.ruleId === this.rule.ruleId &&
      f.effect === 'advisory' &&
      f.limit?.value === this.minima.horizontalM &&
      f.limit?.unit === 'm' &&
      f.covered?.permissionId === undefined
    );
  }

  get finding(): Finding {
    this.built ??= this.word();
    return this.built;
  }

  private word(): Finding {
    const { c, minima } = this;
    const self = { id: '', lon: this.lon, lat: this.lat, altAmslM: this.altAmslM, tMs: this.tMs, leg: this.leg };
    return monitorFinding(
      this.rule,
      this.rulebook,
      'advisory',
      {
        code: 'monitor.separation',
        params: {
          other: this.otherId,
          horizontal: r1(c.horizontalM),
          vertical: r1(c.verticalM),
          minHorizontal: minima.horizontalM,
          minVertical: minima.verticalM,
        },
      },
      {
        measured: { value: r1(c.horizontalM), unit: 'm' },
        limit: { value: minima.horizontalM, unit: 'm' },
        where: whereOf(self, '+08:00'),
        zoneId: this.otherId,
      },
    );
  }
}

let gridBufs = { x: new Float64Array(0), y: new Float64Array(0), cx: new Int32Array(0), cy: new Int32Array(0) };
let bucketBufs = { start: new Int32Array(0), order: new Int32Array(0) };

/** Typed buffers for n points, reused from tick to tick (grown when needed). */
function gridBuffers(n: number) {
  if (gridBufs.x.length < n) {
    const m = Math.max(n, 2 * gridBufs.x.length);
    gridBufs = { x: new Float64Array(m), y: new Float64Array(m), cx: new Int32Array(m), cy: new Int32Array(m) };
  }
  const buckets = 1 << Math.max(4, Math.ceil(Math.log2(2 * n)));
  if (bucketBufs.start.length !== buckets + 1 || bucketBufs.order.length < n)
    bucketBufs = { start: new Int32Array(buckets + 1), order: new Int32Array(Math.max(n, bucketBufs.order.length)) };
  return { ...gridBufs, ...bucketBufs, mask: buckets - 1 };
}

const cellHash = (cx: number, cy: number, mask: number) =>
  (Math.imul(cx, 73_856_093) ^ Math.imul(cy, 19_349_663)) & mask;

/**
 * The pairs findConflicts finds (same candidates, same distances, so the same numbers), through a hashed grid of
 * cells a little wider than the search radius instead of a k-d tree: built in linear time into reused typed
 * arrays, each aircraft's neighbours read from 9 cells. Unordered, as findConflicts' (the caller sorts).
 */
export function conflictPairs(points: readonly SeparationPoint[], horizontalM: number, verticalM: number): Conflict[] {
  const n = points.length;
  if (n < 2) return [];
  let latSum = 0;
  for (const p of points) latSum += p.lat;
  const lat0 = latSum / n;
  const kx = metresPerDegLon(lat0);
  const ky = metresPerDegLat();
  // as findConflicts: the projection stretches distances away from lat0 by < 1 %, and the same squared test
  const r = horizontalM * 1.02;
  const r2 = r * r;
  // wider cells: a point within r is surely in one of the 9 cells around, whatever the rounding
  const cell = r * 1.01;
  const { x, y, cx, cy, start, order, mask } = gridBuffers(n);
  start.fill(0);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    const px = p.lon * kx;
    const py = p.lat * ky;
    x[i] = px;
    y[i] = py;
    const gx = Math.floor(px / cell);
    const gy = Math.floor(py / cell);
    // cells beyond int32 (minima of millimetres over the globe): the k-d tree instead
    if (Math.abs(gx) > 2 ** 30 || Math.abs(gy) > 2 ** 30) return findConflicts(points, horizontalM, verticalM);
    cx[i] = gx;
    cy[i] = gy;
    start[cellHash(gx, gy, mask) + 1]++;
  }
  for (let b = 0; b < mask + 1; b++) start[b + 1] += start[b];
  // counting sort into buckets; `start[b]` then advances to the bucket's end, so shift back below
  for (let i = 0; i < n; i++) order[start[cellHash(cx[i], cy[i], mask)]++] = i;
  for (let b = mask + 1; b > 0; b--) start[b] = start[b - 1];
  start[0] = 0;
  const out: Conflict[] = [];
  for (let i = 0; i < n; i++) {
    const ix = cx[i];
    const iy = cy[i];
    for (let gx = ix - 1; gx <= ix + 1; gx++)
      for (let gy = iy - 1; gy <= iy + 1; gy++) {
        const b = cellHash(gx, gy, mask);
        for (let k = start[b], end = start[b + 1]; k < end; k++) {
          const j = order[k];
          // another cell hashed here too, or the pair is found from its first point
          if (j <= i || cx[j] !== gx || cy[j] !== gy) continue;
          const dx = x[j] - x[i];
          const dy = y[j] - y[i];
          if (!(dx * dx + dy * dy <= r2)) continue;
          const p = points[i];
          const q = points[j];
          const v = Math.abs(p.altAmslM - q.altAmslM);
          if (v >= verticalM) continue;
          const h = greatCircleKm(p.lon, p.lat, q.lon, q.lat) * 1000;
          if (h < horizontalM) out.push({ a: i, b: j, horizontalM: h, verticalM: v });
        }
      }
  }
  return out;
}

/**
 * The separation advisories of each airborne aircraft, by id: minima from the rulebook's `separation` rule when
 * it has one, else the scenario's. An aircraft's advisories come in the order of its pairs (a, b).
 */
export function separationByAircraft(
  airborne: readonly MonitorSample[],
  rulebook: Rulebook,
  fallback: Minima,
): Map<string, SeparationHeld[]> {
  const byId = new Map<string, SeparationHeld[]>();
  const rule = monitorRule(rulebook, 'separation');
  const minima = {
    horizontalM: metresParam(rule.params, 'horizontal', fallback.horizontalM),
    verticalM: metresParam(rule.params, 'vertical', fallback.verticalM),
  };
  // In index order (not the grid's visiting order, which depends on all the other aircraft): an aircraft's
  // advisories then come in the same order however the sky is split (sharded monitoring).
  const pairs = conflictPairs(airborne, minima.horizontalM, minima.verticalM).sort((p, q) => p.a - q.a || p.b - q.b);
  if (pairs.length === 0) return byId;
  const prefix = `${rule.ruleId}|`;
  const add = (self: MonitorSample, other: MonitorSample, c: Conflict) => {
    const held = new SeparationHeld(prefix + other.id, self, other.id, c, rule, rulebook, minima);
    const list = byId.get(self.id);
    if (list) list.push(held);
    else byId.set(self.id, [held]);
  };
  for (const c of pairs) {
    add(airborne[c.a], airborne[c.b], c);
    add(airborne[c.b], airborne[c.a], c);
  }
  return byId;
}

/**
 * Ids of the zones containing the sample: `previous` itself when they are the same (the common case, no
 * allocation). With no rulebook zone changes, straight from the index into `hits`; otherwise via the engine's
 * airspace view (rulebook zones added, withdrawn zones removed).
 */
export function zoneIdsAt(
  s: MonitorSample,
  previous: readonly string[],
  rulebook: Rulebook,
  view: AirspaceView,
  ix: ZoneIndex,
  hits: Int32Array,
): readonly string[] {
  if (rulebook.zones.length > 0 || rulebook.withdrawnZones.length > 0) {
    const ids = view.zonesAt(s.lon, s.lat, s.altAmslM, s.tMs).map((z) => z.id);
    return sameIds(ids, previous) ? previous : ids;
  }
  const n = Math.min(ix.pointQuery(s.lon, s.lat, s.altAmslM, s.tMs, hits), hits.length);
  if (n === 0) return NONE;
  if (n === previous.length) {
    let same = true;
    for (let k = 0; k < n && same; k++) same = ix.zones[hits[k]].id === previous[k];
    if (same) return previous;
  }
  const ids: string[] = new Array(n);
  for (let k = 0; k < n; k++) ids[k] = ix.zones[hits[k]].id;
  return ids;
}
