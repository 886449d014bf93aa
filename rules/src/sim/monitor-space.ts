import type { ZoneIndex } from '../airspace/types.js';
import { sameRule } from '../engine/findings.js';
import type { AirspaceView } from '../engine/index.js';
import type { Finding } from '../model/report.js';
import type { Rulebook } from '../model/rulebook.js';
import { type Positioned, r1, sameIds, whereOf } from './monitor-checks.js';
import { type MonitorRule, metresParam, monitorFinding, monitorRule } from './monitor-rules.js';
import { type Held, NONE } from './monitor-state.js';
import type { MonitorSample } from './monitor-types.js';
import { type Conflict, conflictPairs } from './separation.js';

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
