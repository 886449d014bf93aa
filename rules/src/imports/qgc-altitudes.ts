import type { AltitudeConversion } from '../model/plan.js';
import type { AltitudeRef } from '../model/units.js';
import { conversion, roundM } from './common.js';
import { PlanImportError } from './errors.js';
import type { AltKind, QgcPoint } from './qgc-items.js';
import type { GroundLookup, ImportedHome } from './types.js';

const FORMAT = 'qgc';

export function summarise(items: string[]): string {
  return items.length <= 4 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}

export interface UnifiedAltitudes {
  altitudeRef: AltitudeRef;
  values: number[];
  conversions: AltitudeConversion[];
}

/**
 * One altitude reference for the whole route, every conversion stated.
 * - With a ground model: relative-to-launch heights become AMSL by adding the ground at the launch point (the
 *   planned home, else the first waypoint); terrain-following ones, when the plan is not all terrain-following,
 *   by adding the ground under each waypoint.
 * - Without one: with any AMSL item, relative heights are added to the home altitude the file states; otherwise
 *   the route is AGL, the launch point taken to be at ground level.
 */
export function unifyAltitudes(
  points: QgcPoint[],
  home: ImportedHome | undefined,
  model: GroundLookup | undefined,
  warnings: string[],
): UnifiedAltitudes {
  const of = (kind: AltKind) => [...new Set(points.filter((p) => p.kind === kind).map((p) => p.item))];
  // A model converts only where it holds data: outside it, its sea level would be an unstated assumption.
  const launchPoint = home ?? points[0];
  const outside =
    model !== undefined &&
    (!model.covers(launchPoint.lon, launchPoint.lat) ||
      points.some((p) => p.kind === 'terrain' && !model.covers(p.lon, p.lat)));
  const ground = outside ? undefined : model;
  if (outside && model)
    warnings.push(
      `the route lies outside the elevation model "${model.id}", so its heights were not converted with that model`,
    );
  const relative = of('relative');
  const terrain = of('terrain');
  const amsl = of('amsl');
  const conversions: AltitudeConversion[] = [];
  const note = (code: AltitudeConversion['code'], items: string[], extra: Record<string, string | number> = {}) =>
    conversions.push(conversion(FORMAT, code, { items: summarise(items), ...extra }));
  if (amsl.length) note('assumption.altitude-as-amsl', amsl);

  const onlyTerrain = terrain.length > 0 && relative.length === 0 && amsl.length === 0;
  if (onlyTerrain || (!ground && amsl.length === 0)) {
    if (relative.length) {
      if (outside && model) note('assumption.altitude-launch-outside-model', relative, { model: model.id });
      else note('assumption.altitude-launch-as-agl', relative);
      warnings.push(
        `relative-to-launch altitudes (${summarise(relative)}) read as AGL, assuming the launch point is at ground level`,
      );
    }
    if (terrain.length) {
      note('assumption.altitude-as-agl', terrain);
      warnings.push(`terrain-following altitudes (${summarise(terrain)}) read as AGL`);
    }
    return { altitudeRef: 'AGL', values: points.map((p) => p.alt), conversions };
  }
  if (ground) {
    const launch = home ?? points[0];
    const launchGround = ground.groundM(launch.lon, launch.lat);
    if (relative.length)
      note('assumption.altitude-launch-ground', relative, { groundM: roundM(launchGround), model: ground.id });
    if (terrain.length) note('assumption.altitude-terrain-ground', terrain, { model: ground.id });
    const values = points.map((p) =>
      p.kind === 'amsl' ? p.alt : p.kind === 'relative' ? p.alt + launchGround : p.alt + ground.groundM(p.lon, p.lat),
    );
    return { altitudeRef: 'AMSL', values, conversions };
  }
  const homeAlt = home?.altAmslM;
  if ((relative.length || terrain.length) && homeAlt === undefined)
    throw new PlanImportError(
      FORMAT,
      'mission',
      'plannedHomePosition[2]',
      `the plan mixes AMSL items (${summarise(amsl)}) with relative ones and has no home altitude to convert them`,
    );
  const base = homeAlt as number;
  if (relative.length) {
    note('assumption.altitude-launch-home', relative, { homeM: base });
    warnings.push(
      `relative-to-launch altitudes (${summarise(relative)}) converted to AMSL by adding the planned home altitude ${base} m, because the plan also has AMSL items (${summarise(amsl)})`,
    );
  }
  if (terrain.length) {
    note('assumption.altitude-terrain-home', terrain, { homeM: base });
    warnings.push(
      `terrain-following altitudes (${summarise(terrain)}) converted to AMSL assuming level ground at the home altitude ${base} m; check them against a terrain model`,
    );
  }
  return {
    altitudeRef: 'AMSL',
    values: points.map((p) => (p.kind === 'amsl' ? p.alt : p.alt + base)),
    conversions,
  };
}
