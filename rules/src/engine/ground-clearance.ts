import { isGridModel } from '../airspace/terrain-grid.js';
import type { HeightRange } from '../airspace/terrain-profile.js';
import type { ElevationModel } from '../airspace/types.js';
import { formatInstant } from '../kinds/local-time.js';
import { worded } from '../messages/index.js';
import { type Finding, FT_TO_M, type Provision, type Route } from '../model/index.js';
import type { Timeline } from './timeline.js';

export const GROUND_CLEARANCE_KIND = 'ground-clearance';

/** One flight leg's height extremes over the ground model (from the route check). */
export interface LegHeights {
  leg: number;
  heights: HeightRange;
}

/** The ground model's stated vertical accuracy (0 for sea level and models that state none). */
export function verticalAccuracyM(model: ElevationModel): number {
  return isGridModel(model) ? model.verticalAccuracyM : 0;
}

/** Not a legal provision: the finding rests on the ground model, so it cites the model's source. */
function groundSource(model: ElevationModel): Provision {
  return {
    instrument: `Ground model "${model.id}"`,
    section: null,
    url: isGridModel(model) ? model.header.sourceUrl : 'https://data.gov.hk/en/terms-and-conditions',
    secondary: true,
    note: isGridModel(model) ? model.header.attribution : model.description,
  };
}

const r0 = (x: number) => Math.round(x);

/**
 * A route that meets the ground: on each leg whose lowest point is below the ground model by more than its
 * stated accuracy, one finding at that point, with the depth. Not a legal finding (the plan cannot be flown as
 * written); take-off and landing at 0 m above the ground stay quiet.
 */
export function groundClearanceFindings(
  legs: readonly LegHeights[],
  route: Route,
  timeline: Timeline,
  model: ElevationModel,
  rulebookVersion: string,
  utcOffsetMin: number,
): Finding[] {
  // Only a model that states its accuracy can say a route meets the ground (not sea level).
  if (!isGridModel(model)) return [];
  const tolerance = verticalAccuracyM(model);
  const out: Finding[] = [];
  for (const { leg, heights: h } of legs) {
    if (!(h.minAglM < -tolerance)) continue;
    const a = route.coordinates[leg];
    const b = route.coordinates[leg + 1];
    const f = h.minAglF;
    const lon = a[0] + f * (b[0] - a[0]);
    const lat = a[1] + f * (b[1] - a[1]);
    const amsl = h.groundAtMinM + h.minAglM;
    const lt = timeline.legs.find((l) => l.leg === leg);
    const tMs = lt ? lt.departMs + f * (lt.endMs - lt.departMs) : 0;
    const depth = -h.minAglM;
    const where = `${lat.toFixed(5)}N ${lon.toFixed(5)}E`;
    out.push({
      ruleId: GROUND_CLEARANCE_KIND,
      kind: GROUND_CLEARANCE_KIND,
      provision: groundSource(model),
      rulebookVersion,
      effect: 'advisory',
      ...worded('ground-clearance.meets-ground', {
        leg,
        position: where,
        altitude: r0(amsl),
        depth: r0(depth),
        ground: r0(h.groundAtMinM),
        model: model.id,
        tolerance,
      }),
      measured: { value: r0(depth), unit: 'm below ground' },
      limit: { value: tolerance, unit: 'm below ground' },
      where: {
        leg,
        position: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6, Math.round(amsl * 100) / 100],
        time: formatInstant(tMs, utcOffsetMin),
        groundM: Math.round(h.groundAtMinM * 10) / 10,
      },
    });
  }
  return out;
}

/**
 * A height finding names its worst point: where its leg is highest above the ground (AGL limits) or highest
 * altitude (AMSL limits), from the exact walk over the model, when the finding's worst value is that maximum
 * (a leg may hold two findings; only the one reaching the leg's maximum gets it). Deterministic whatever the
 * sampling, so adaptive and dense checks give the same report.
 */
export function markWorstHeights(
  findings: Finding[],
  legs: readonly LegHeights[],
  route: Route,
  model: ElevationModel,
): void {
  for (const f of findings) {
    if (f.kind !== 'max-height' || !f.where || !f.measured) continue;
    const [unit, ref] = f.measured.unit.split(' ');
    const h = legs.find((l) => l.leg === f.where?.leg)?.heights;
    if (!h || (ref !== 'AGL' && ref !== 'AMSL')) continue;
    const maxM = ref === 'AGL' ? h.maxAglM : h.maxAmslM;
    const at = ref === 'AGL' ? h.maxAglF : h.maxAmslF;
    if (Math.abs((unit === 'ft' ? maxM / FT_TO_M : maxM) - f.measured.value) > 0.01) continue;
    const a = route.coordinates[f.where.leg];
    const b = route.coordinates[f.where.leg + 1];
    const lon = a[0] + at * (b[0] - a[0]);
    const lat = a[1] + at * (b[1] - a[1]);
    const alt = a[2] + at * (b[2] - a[2]);
    const ground = model.groundM(lon, lat);
    const amsl = route.altitudeRef === 'AGL' ? alt + ground : alt;
    f.where.worst = {
      leg: f.where.leg,
      position: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6, Math.round(amsl * 100) / 100],
      groundM: Math.round(ground * 10) / 10,
    };
  }
}
