import { isGridModel } from '../airspace/terrain-grid.js';
import type { HeightRange } from '../airspace/terrain-profile.js';
import type { ElevationModel } from '../airspace/types.js';
import { formatInstant } from '../kinds/local-time.js';
import { worded } from '../messages/index.js';
import { type Finding, FT_TO_M, MAX_LEG_DETAIL, type Provision, type Route } from '../model/index.js';
import { legNumber, runText } from './findings.js';
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
    instrumentZh: `地面模型「${model.id}」`,
    section: null,
    url: isGridModel(model) ? model.header.sourceUrl : 'https://data.gov.hk/en/terms-and-conditions',
    secondary: true,
    note: isGridModel(model) ? model.header.attribution : model.description,
  };
}

const r0 = (x: number) => Math.round(x);

/** The lowest point of one leg that is below the ground by more than the model's accuracy. */
interface Underground {
  leg: number;
  lon: number;
  lat: number;
  amsl: number;
  depth: number;
  groundM: number;
  tMs: number;
}

const lonLatAlt = (u: Underground): [number, number, number] => [
  Math.round(u.lon * 1e6) / 1e6,
  Math.round(u.lat * 1e6) / 1e6,
  Math.round(u.amsl * 100) / 100,
];

/**
 * A route that meets the ground: one finding per unbroken stretch of legs below the ground model by more than its
 * stated accuracy (issue 13: one finding per run of legs), at the stretch's first point, naming its deepest point
 * and depth, with each leg's lowest point in `perLeg`. Not a legal finding (the plan cannot be flown as written);
 * take-off and landing at 0 m above the ground stay quiet.
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
  const below: Underground[] = [];
  for (const { leg, heights: h } of legs) {
    if (!(h.minAglM < -tolerance)) continue;
    const a = route.coordinates[leg];
    const b = route.coordinates[leg + 1];
    const f = h.minAglF;
    const lt = timeline.legs.find((l) => l.leg === leg);
    below.push({
      leg,
      lon: a[0] + f * (b[0] - a[0]),
      lat: a[1] + f * (b[1] - a[1]),
      amsl: h.groundAtMinM + h.minAglM,
      depth: -h.minAglM,
      groundM: h.groundAtMinM,
      tMs: lt ? lt.departMs + f * (lt.endMs - lt.departMs) : 0,
    });
  }
  const stretches: Underground[][] = [];
  for (const u of below) {
    const last = stretches.at(-1);
    if (last && last[last.length - 1].leg === u.leg - 1) last.push(u);
    else stretches.push([u]);
  }
  return stretches.map((stretch) => {
    const first = stretch[0];
    const deepest = stretch.reduce((d, u) => (u.depth > d.depth ? u : d));
    const lastLeg = stretch[stretch.length - 1].leg;
    const measured = { value: r0(deepest.depth), unit: 'm below ground' };
    const finding: Finding = {
      ruleId: GROUND_CLEARANCE_KIND,
      kind: GROUND_CLEARANCE_KIND,
      provision: groundSource(model),
      rulebookVersion,
      effect: 'advisory',
      ...worded('ground-clearance.meets-ground', {
        leg: legNumber(deepest.leg),
        position: `${deepest.lat.toFixed(5)}N ${deepest.lon.toFixed(5)}E`,
        altitude: r0(deepest.amsl),
        depth: r0(deepest.depth),
        ground: r0(deepest.groundM),
        model: model.id,
        tolerance,
      }),
      measured,
      limit: { value: tolerance, unit: 'm below ground' },
      where: {
        leg: first.leg,
        position: lonLatAlt(first),
        time: formatInstant(first.tMs, utcOffsetMin),
        groundM: Math.round(first.groundM * 10) / 10,
        legs: { first: first.leg, last: lastLeg },
        ...(deepest !== first && {
          worst: { leg: deepest.leg, position: lonLatAlt(deepest), groundM: Math.round(deepest.groundM * 10) / 10 },
        }),
      },
    };
    if (stretch.length > 1) {
      finding.run = runText(first.leg, lastLeg, measured, deepest.leg);
      finding.perLeg = stretch.slice(0, MAX_LEG_DETAIL).map((u) => ({
        leg: u.leg,
        position: lonLatAlt(u),
        time: formatInstant(u.tMs, utcOffsetMin),
        measured: { value: r0(u.depth), unit: 'm below ground' },
      }));
    }
    return finding;
  });
}

/**
 * A height finding names its worst point: where the leg of its worst value (over a run of legs) is highest above
 * the ground (AGL limits) or highest altitude (AMSL limits), from the exact walk over the model, when the finding's
 * worst value is that maximum (a leg may hold two findings; only the one reaching the leg's maximum gets it).
 * Deterministic whatever the sampling, so adaptive and dense checks give the same report.
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
    // Over a run of legs, the leg where the samples found the worst value (else the finding's own leg).
    const leg = f.where.worst?.leg ?? f.where.leg;
    const h = legs.find((l) => l.leg === leg)?.heights;
    if (!h || (ref !== 'AGL' && ref !== 'AMSL')) continue;
    const maxM = ref === 'AGL' ? h.maxAglM : h.maxAmslM;
    const at = ref === 'AGL' ? h.maxAglF : h.maxAmslF;
    if (Math.abs((unit === 'ft' ? maxM / FT_TO_M : maxM) - f.measured.value) > 0.01) continue;
    const a = route.coordinates[leg];
    const b = route.coordinates[leg + 1];
    const lon = a[0] + at * (b[0] - a[0]);
    const lat = a[1] + at * (b[1] - a[1]);
    const alt = a[2] + at * (b[2] - a[2]);
    const ground = model.groundM(lon, lat);
    const amsl = route.altitudeRef === 'AGL' ? alt + ground : alt;
    f.where.worst = {
      leg,
      position: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6, Math.round(amsl * 100) / 100],
      groundM: Math.round(ground * 10) / 10,
    };
  }
}
