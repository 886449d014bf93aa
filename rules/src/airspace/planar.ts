/**
 * Planar predicates in lon/lat degrees over flat edge arrays [x1, y1, x2, y2, ...].
 * Differences are taken before products (exact for nearby coordinates by Sterbenz' lemma), so a point
 * exactly on a vertex gives an exactly zero orientation and counts as on the boundary.
 */

/** Twice the signed area of (a, b, p): > 0 when p is left of a→b, 0 when collinear. */
export function orient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/** Is p on the closed segment a–b? */
export function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  if (orient(ax, ay, bx, by, px, py) !== 0) return false;
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}

/**
 * Boundary-inclusive point-in-polygon over edges[from..to) (4 numbers per edge), even–odd rule over all
 * rings (outer rings and holes together): 1 inside or on an edge, 0 outside.
 */
export function edgesContain(edges: Float64Array, from: number, to: number, px: number, py: number): boolean {
  let inside = false;
  for (let k = from; k < to; k += 4) {
    const x1 = edges[k];
    const y1 = edges[k + 1];
    const x2 = edges[k + 2];
    const y2 = edges[k + 3];
    if (y1 > py !== y2 > py) {
      const o = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1);
      if (o === 0) return true;
      // Upward edge: crossing to the right of p when p is left of it (o > 0); downward: o < 0.
      if (y2 > y1 ? o > 0 : o < 0) inside = !inside;
    } else if (y1 === py || y2 === py) {
      if (onSegment(x1, y1, x2, y2, px, py)) return true;
    }
  }
  return inside;
}

/** Do the open segments a–b and c–d cross properly (each strictly separates the other's ends)? */
export function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Do the closed segments a–b and c–d share at least one point? */
export function segmentsTouch(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  if (segmentsCross(ax, ay, bx, by, cx, cy, dx, dy)) return true;
  // the rest: an end of one lies on the other (touching, or collinear and overlapping)
  if (orient(cx, cy, dx, dy, ax, ay) === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (orient(cx, cy, dx, dy, bx, by) === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  if (orient(ax, ay, bx, by, cx, cy) === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  return orient(ax, ay, bx, by, dx, dy) === 0 && onSegment(ax, ay, bx, by, dx, dy);
}
