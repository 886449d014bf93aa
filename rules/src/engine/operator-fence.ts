import { formatInstant } from '../kinds/local-time.js';
import { type MessageCode, type MessageParam, renderBoth, worded } from '../messages/index.js';
import type { Finding, Provision, Zone } from '../model/index.js';
import { legNumber } from './findings.js';
import type { RouteSample } from './samples.js';

export const OPERATOR_FENCE_KIND = 'operator-fence';

/** Not a legal provision: the operator's own geofence, as QGroundControl defines it. */
const FENCE_SOURCE: Provision = {
  instrument: "Operator's geofence (QGroundControl plan)",
  instrumentZh: '操作人設定的地理圍欄（QGroundControl 計劃）',
  section: null,
  url: 'https://docs.qgroundcontrol.com/master/en/qgc-user-guide/plan_view/plan_geofence.html',
  secondary: true,
  note: 'The plan file sets its own fence: the vehicle must stay inside an inclusion area and out of every exclusion area. Advice only; not a requirement of Cap. 448G.',
};

/** Consecutive checked samples for which `test` holds, as [first, last] index pairs. */
function runs(samples: readonly RouteSample[], test: (s: RouteSample) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  samples.forEach((s, i) => {
    if (test(s) && start < 0) start = i;
    if (!test(s) && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, samples.length - 1]);
  return out;
}

function finding(
  s: RouteSample,
  last: RouteSample,
  code: MessageCode,
  params: Record<string, MessageParam>,
  rulebookVersion: string,
  offset: number,
): Finding {
  const legs =
    s.leg === last.leg
      ? renderBoth('legs.one', { leg: legNumber(s.leg) })
      : renderBoth('legs.range', { from: legNumber(s.leg), to: legNumber(last.leg) });
  return {
    ruleId: OPERATOR_FENCE_KIND,
    kind: OPERATOR_FENCE_KIND,
    provision: FENCE_SOURCE,
    rulebookVersion,
    effect: 'advisory',
    ...worded(code, { ...params, legs }),
    where: {
      leg: s.leg,
      position: [Math.round(s.lon * 1e6) / 1e6, Math.round(s.lat * 1e6) / 1e6, Math.round(s.altAmslM * 100) / 100],
      time: formatInstant(s.tMs, offset),
      groundM: Math.round((s.altAmslM - s.aglM) * 10) / 10,
      legs: { first: s.leg, last: last.leg },
    },
  };
}

/**
 * The route against the operator's own geofence: one advisory finding per stretch outside every inclusion area
 * (the plan's own, and any the route is in at some point), and one per stretch inside each exclusion area.
 */
export function operatorFenceFindings(
  samples: readonly RouteSample[],
  planZones: readonly Zone[],
  rulebookVersion: string,
  offset: number,
): Finding[] {
  const inclusions = new Map<string, Zone>();
  const exclusions = new Map<string, Zone>();
  for (const z of [...planZones, ...samples.flatMap((s) => s.zones)]) {
    if (z.fence === 'inclusion') inclusions.set(z.id, z);
    if (z.fence === 'exclusion') exclusions.set(z.id, z);
  }
  const out: Finding[] = [];
  if (inclusions.size) {
    const names = [...inclusions.values()].map((z) => z.id).join(', ');
    const outside = (s: RouteSample) => !s.zones.some((z) => z.fence === 'inclusion');
    for (const [a, b] of runs(samples, outside))
      out.push(
        finding(samples[a], samples[b], 'operator-fence.leaves-inclusion', { fences: names }, rulebookVersion, offset),
      );
  }
  for (const zone of exclusions.values())
    for (const [a, b] of runs(samples, (s) => s.zones.some((z) => z.id === zone.id)))
      out.push(
        finding(samples[a], samples[b], 'operator-fence.enters-exclusion', { fence: zone.id }, rulebookVersion, offset),
      );
  return out;
}
