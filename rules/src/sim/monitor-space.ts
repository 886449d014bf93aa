import type { ZoneIndex } from '../airspace/types.js';
import type { AirspaceView } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { type Positioned, r1, sameIds, whereOf } from './monitor-checks.js';
import { metresParam, monitorFinding, monitorRule } from './monitor-rules.js';
import { NONE } from './monitor-state.js';
import type { MonitorSample } from './monitor-types.js';
import { type Conflict, findConflicts } from './separation.js';

/** Separation advisories for both aircraft of each conflicting pair: [key, aircraftId, finding]. */
export function separationViolations(
  points: readonly Positioned[],
  pairs: readonly Conflict[],
  rulebook: Rulebook,
  minima: { horizontalM: number; verticalM: number },
): [string, string, Finding][] {
  if (pairs.length === 0) return [];
  const rule = monitorRule(rulebook, 'separation');
  const out: [string, string, Finding][] = [];
  for (const c of pairs) {
    for (const [self, other] of [
      [points[c.a], points[c.b]],
      [points[c.b], points[c.a]],
    ]) {
      const finding = monitorFinding(
        rule,
        rulebook,
        'advisory',
        {
          code: 'monitor.separation',
          params: {
            other: other.id,
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
          zoneId: other.id,
        },
      );
      out.push([`${rule.ruleId}|${other.id}`, self.id, finding]);
    }
  }
  return out;
}

/**
 * The separation advisories of each airborne aircraft, by id: minima from the rulebook's `separation` rule when
 * it has one, else the scenario's.
 */
export function separationByAircraft(
  airborne: readonly MonitorSample[],
  rulebook: Rulebook,
  fallback: { horizontalM: number; verticalM: number },
): Map<string, [string, Finding][]> {
  const byId = new Map<string, [string, Finding][]>();
  const rule = monitorRule(rulebook, 'separation');
  const minima = {
    horizontalM: metresParam(rule.params, 'horizontal', fallback.horizontalM),
    verticalM: metresParam(rule.params, 'vertical', fallback.verticalM),
  };
  // In index order (not the k-d tree's visiting order, which depends on all the other aircraft): an aircraft's
  // advisories then come in the same order however the sky is split (sharded monitoring).
  const pairs = findConflicts(airborne, minima.horizontalM, minima.verticalM).sort((p, q) => p.a - q.a || p.b - q.b);
  for (const [key, id, finding] of separationViolations(airborne, pairs, rulebook, minima))
    byId.set(id, [...(byId.get(id) ?? []), [key, finding]]);
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
