import type { DailyPeriod, DayPoint, LocalizedText } from '@sua-sandbox/rules/model';
import type { AirRoute, AltitudeLayer, RouteNetwork, Vertiport } from '@sua-sandbox/rules/traffic';
import { capsulePolygon, createPlane, fromPlane, type Plane, toPlane } from '@sua-sandbox/rules/traffic';

/**
 * The designated air routes and vertiports as GeoJSON for the map (style as data: the `kind` property picks the
 * layer and its paint). Corridors are the centreline's segments buffered by the route's lateral half-width,
 * measured in the same plane the server deconflicts in.
 */
export type LonLatPair = [number, number];

export interface NetworkLabel {
  id: string;
  lon: number;
  lat: number;
  /** the data's own name, in both languages */
  name: LocalizedText;
  detail: string;
}

const ring = (pts: { lng: number; lat: number }[]): LonLatPair[] => {
  const out = pts.map((p): LonLatPair => [p.lng, p.lat]);
  out.push(out[0]);
  return out;
};

export function circleRing(plane: Plane, center: LonLatPair, radiusM: number, steps = 48): LonLatPair[] {
  const [cx, cy] = toPlane(plane, center[0], center[1]);
  const out: LonLatPair[] = [];
  for (let k = 0; k <= steps; k++) {
    const a = (2 * Math.PI * k) / steps;
    out.push(fromPlane(plane, cx + radiusM * Math.cos(a), cy + radiusM * Math.sin(a)));
  }
  return out;
}

/** The centreline of a route: each point id resolved to a vertiport's pad or a waypoint. */
export function centreline(network: RouteNetwork, route: AirRoute): LonLatPair[] {
  const where = new Map<string, LonLatPair>();
  for (const w of network.waypoints) where.set(w.id, [w.position[0], w.position[1]]);
  for (const v of network.vertiports) where.set(v.id, [v.pad.center[0], v.pad.center[1]]);
  return route.points.flatMap((id): LonLatPair[] => {
    const at = where.get(id);
    return at ? [at] : [];
  });
}

/** A chevron ">" of `sizeM` at `at` pointing along `heading` (radians in the plane): a direction arrow without sprites. */
function chevron(plane: Plane, at: [number, number], heading: number, sizeM: number): LonLatPair[] {
  const wing = (side: number): LonLatPair =>
    fromPlane(plane, at[0] - sizeM * Math.cos(heading + side), at[1] - sizeM * Math.sin(heading + side));
  return [wing(0.6), fromPlane(plane, at[0], at[1]), wing(-0.6)];
}

const dayPoint = (p: DayPoint) => ('time' in p ? p.time : `${p.event}${p.offsetMin >= 0 ? '+' : ''}${p.offsetMin}`);
export const hoursText = (hours: readonly DailyPeriod[] | undefined): string | undefined =>
  hours?.length ? hours.map((h) => `${dayPoint(h.start)}–${dayPoint(h.end)}`).join(', ') : undefined;

/** A layer's band, "80–110 m AGL"; `unit` words the unit in the UI's language (the symbol when not given). */
export const layerBand = (l: AltitudeLayer, unit: (u: string) => string = (u) => u): string =>
  `${l.lower.value}–${l.upper.value} ${unit(l.lower.unit)} ${l.lower.ref}`;

function routeFeatures(network: RouteNetwork, route: AirRoute, plane: Plane): GeoJSON.Feature[] {
  const line = centreline(network, route);
  const props = { routeId: route.id, crossBoundary: route.crossBoundary };
  const out: GeoJSON.Feature[] = [
    {
      type: 'Feature',
      properties: { ...props, kind: 'centreline' },
      geometry: { type: 'LineString', coordinates: line },
    },
  ];
  for (let i = 1; i < line.length; i++) {
    const a = { lng: line[i - 1][0], lat: line[i - 1][1] };
    const b = { lng: line[i][0], lat: line[i][1] };
    const coordinates = [ring(capsulePolygon(plane, a, b, route.halfWidthM))];
    out.push({
      type: 'Feature',
      properties: { ...props, kind: 'corridor' },
      geometry: { type: 'Polygon', coordinates },
    });
    const [ax, ay] = toPlane(plane, a.lng, a.lat);
    const [bx, by] = toPlane(plane, b.lng, b.lat);
    const heading = Math.atan2(by - ay, bx - ax);
    // forward arrows a third of the way along, reverse ones two thirds: one per direction flown
    for (const layer of route.layers) {
      const f = layer.direction === 'forward' ? 1 / 3 : 2 / 3;
      const at: [number, number] = [ax + (bx - ax) * f, ay + (by - ay) * f];
      const h = layer.direction === 'forward' ? heading : heading + Math.PI;
      const coordinates = chevron(plane, at, h, Math.max(route.halfWidthM * 0.8, 60));
      const geometry: GeoJSON.LineString = { type: 'LineString', coordinates };
      out.push({ type: 'Feature', properties: { ...props, kind: 'arrow', direction: layer.direction }, geometry });
    }
  }
  return out;
}

function vertiportFeatures(v: Vertiport, plane: Plane): GeoJSON.Feature[] {
  const c: LonLatPair = [v.pad.center[0], v.pad.center[1]];
  const f = (kind: string, radiusM: number): GeoJSON.Feature => ({
    type: 'Feature',
    properties: { vertiportId: v.id, kind },
    geometry: { type: 'Polygon', coordinates: [circleRing(plane, c, radiusM)] },
  });
  // approach and departure may share a radius: the departure ring is drawn a little inside so both show
  const inset = v.approach.radiusM === v.departure.radiusM ? 0.92 : 1;
  return [
    f('approach', v.approach.radiusM),
    f('departure', v.departure.radiusM * inset),
    f('pad', v.pad.diameterM / 2),
  ];
}

export function networkGeoJson(network: RouteNetwork, origin: { originLon: number; originLat: number }) {
  const plane = createPlane(origin.originLon, origin.originLat);
  const features = [
    ...network.routes.flatMap((r) => routeFeatures(network, r, plane)),
    ...network.vertiports.flatMap((v) => vertiportFeatures(v, plane)),
  ];
  return { type: 'FeatureCollection' as const, features };
}

/** One label per route (at its middle: id, direction layers and hours) and per vertiport. */
export function networkLabels(
  network: RouteNetwork,
  words: {
    forward: string;
    reverse: string;
    hours: string;
    capacity: (n: number, slotS: number) => string;
    unit?: (u: string) => string;
  },
): NetworkLabel[] {
  const routes = network.routes.map((r): NetworkLabel => {
    const line = centreline(network, r);
    const mid = Math.floor((line.length - 1) / 2);
    const [lon, lat] = [(line[mid][0] + line[mid + 1][0]) / 2, (line[mid][1] + line[mid + 1][1]) / 2];
    const layers = r.layers.map(
      (l) => `${l.direction === 'forward' ? words.forward : words.reverse} ${layerBand(l, words.unit)}`,
    );
    const hours = hoursText(r.hours);
    return {
      id: r.id,
      lon,
      lat,
      name: r.name,
      detail: [...layers, hours && `${words.hours} ${hours}`].filter(Boolean).join(' · '),
    };
  });
  const ports = network.vertiports.map((v): NetworkLabel => {
    const hours = hoursText(v.hours);
    const detail = [words.capacity(v.capacity, v.slotLengthS), hours && `${words.hours} ${hours}`]
      .filter(Boolean)
      .join(' · ');
    return { id: v.id, lon: v.pad.center[0], lat: v.pad.center[1], name: v.name, detail };
  });
  return [...routes, ...ports];
}
