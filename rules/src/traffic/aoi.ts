import { type CompiledVolume, compileVolume } from './compiled.js';
import { volumesOverlap } from './overlap.js';
import { type Plane, pointSegmentDist2, segmentSegmentDist2, toPlane } from './plane.js';
import type { Volume4D } from './volume.js';

/**
 * An area of interest (InterUSS `area_of_interest`, a Volume4D). A circle or corridor is tested exactly as
 * a capsule; a polygon exactly as a polygon: a capsule meets it when its segment starts inside it or comes
 * closer than r to one of its edges.
 */
export interface CompiledArea {
  volume: CompiledVolume;
  /** polygon ring in the plane, flat [x0, y0, x1, y1, ...], when the area is a polygon without corridor */
  ring: number[] | null;
}

export function compileArea(plane: Plane, aoi: Volume4D): CompiledArea {
  const volume = compileVolume(plane, aoi);
  const poly = aoi.volume.outline_corridor ? undefined : aoi.volume.outline_polygon;
  const ring = poly ? poly.vertices.flatMap((p) => toPlane(plane, p.lng, p.lat)) : null;
  return { volume, ring };
}

function insideRing(ring: number[], px: number, py: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function capsuleMeetsRing(v: CompiledVolume, ring: number[]): boolean {
  if (insideRing(ring, v.ax, v.ay)) return true;
  const r2 = v.r * v.r;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const d2 =
      v.ax === v.bx && v.ay === v.by
        ? pointSegmentDist2(v.ax, v.ay, ring[j], ring[j + 1], ring[i], ring[i + 1])
        : segmentSegmentDist2(v.ax, v.ay, v.bx, v.by, ring[j], ring[j + 1], ring[i], ring[i + 1]);
    if (d2 < r2 || (v.r === 0 && d2 === 0)) return true;
  }
  return false;
}

export function areaMeets(area: CompiledArea, v: CompiledVolume): boolean {
  if (area.ring === null) return volumesOverlap(area.volume, v);
  const a = area.volume;
  if (a.t0 >= v.t1 || v.t0 >= a.t1) return false;
  if (a.ref === v.ref && (a.zLo >= v.zHi || v.zLo >= a.zHi)) return false;
  return capsuleMeetsRing(v, area.ring);
}
