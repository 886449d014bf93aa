/**
 * The baseline measured in the same run: turf 7 predicates with an rbush prefilter on zone bboxes,
 * written the way a careful user of those libraries would (geometries and tree built once, outside the
 * timed query).
 */
import { booleanIntersects, booleanPointInPolygon, lineString } from '@turf/turf';
import type { Feature, LineString, Polygon } from 'geojson';
import RBush from 'rbush';
import type { BenchFeature, BenchPlan, PairsBuffer, Telemetry } from './workload.js';

interface Item {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  zone: number;
}

export interface TurfBaseline {
  points(t: Telemetry, n: number, pairs: PairsBuffer): void;
  plans(plans: readonly Feature<LineString>[], pairs: PairsBuffer): void;
}

export function planLines(plans: readonly BenchPlan[]): Feature<LineString>[] {
  return plans.map((p) => lineString(p.waypoints.map((w) => [w[0], w[1]])));
}

export function buildTurfBaseline(features: readonly BenchFeature[]): TurfBaseline {
  const polys: Feature<Polygon>[] = features.map((f) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: f.geometry.coordinates },
  }));
  const floor = features.map((f) => f.properties.floorM);
  const ceiling = features.map((f) => f.properties.ceilingM);
  const tree = new RBush<Item>();
  tree.load(
    features.map((f, zone) => {
      const ring = f.geometry.coordinates[0];
      const xs = ring.map((c) => c[0]);
      const ys = ring.map((c) => c[1]);
      return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys), zone };
    }),
  );
  return {
    points(t, n, pairs) {
      const box = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
      for (let i = 0; i < n; i++) {
        const lon = t.lon[i];
        const lat = t.lat[i];
        const alt = t.alt[i];
        box.minX = box.maxX = lon;
        box.minY = box.maxY = lat;
        const found = tree.search(box).sort((a, b) => a.zone - b.zone);
        for (const it of found) {
          const z = it.zone;
          if (alt < floor[z] || alt > ceiling[z]) continue;
          if (booleanPointInPolygon([lon, lat], polys[z])) pairs.push(i, z);
        }
      }
    },
    plans(lines, pairs) {
      lines.forEach((line, p) => {
        const cs = line.geometry.coordinates;
        let minX = Number.POSITIVE_INFINITY;
        let minY = Number.POSITIVE_INFINITY;
        let maxX = Number.NEGATIVE_INFINITY;
        let maxY = Number.NEGATIVE_INFINITY;
        for (const [x, y] of cs) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        for (const it of tree.search({ minX, minY, maxX, maxY })) {
          if (booleanIntersects(line, polys[it.zone])) pairs.push(p, it.zone);
        }
      });
    },
  };
}
