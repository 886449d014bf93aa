/**
 * What the attacker and the careless client of issue 10 send, built deterministically (no randomness, no files
 * written): plans, KMZ bombs, hostile XML, telemetry and an impact corpus (zones: zones.ts).
 */
import { Zip, ZipDeflate } from 'fflate';
import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { basePlan as apiBasePlan } from '../server/plans.js';

/** The API tests' plain recreational flight over Tai Lam Country Park, without its route (the upload template). */
export function planTemplate(): Omit<FlightPlanInput, 'route'> {
  const { route: _route, ...template } = basePlan();
  return template;
}

const speed = { value: 20, unit: 'km/h' } as const;
const fast = { value: 50, unit: 'km/h' } as const;

/** The API tests' valid four-waypoint flight, named for this suite; `overrides` replace top-level members. */
export function basePlan(overrides: Partial<FlightPlanInput> = {}): FlightPlanInput {
  return apiBasePlan({ name: 'Abuse suite flight', ...overrides });
}

/**
 * `n` waypoints zig-zagging across the airport restricted flying zone, alternating 100 m and 140 m AGL (above
 * the 120 m limit), so a check that is not bounded finds something on almost every leg.
 */
export function manyWaypointPlan(n: number): FlightPlanInput {
  const coordinates: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / 200);
    const col = i % 200;
    const x = row % 2 === 0 ? col : 199 - col;
    coordinates.push([
      Number((113.88 + x * 0.0004).toFixed(6)),
      Number((22.285 + (row % 150) * 0.0004).toFixed(6)),
      i % 2 === 0 ? 100 : 140,
    ]);
  }
  return basePlan({
    name: `${n} waypoints`,
    route: { type: 'LineString', coordinates, altitudeRef: 'AGL', legSpeeds: coordinates.slice(1).map(() => fast) },
  });
}

const DAY_S = 86_400;

/** Two waypoints reached `days` apart: a very long, slow flight (valid under seven days). */
export function longPlan(days: number, index = 0): FlightPlanInput {
  const lon = 114.06 + (index % 50) * 0.001;
  const lat = 22.39 + Math.floor(index / 50) * 0.001;
  return basePlan({
    id: `long-${days}d-${index}`,
    name: `${days}-day flight ${index}`,
    route: {
      type: 'LineString',
      coordinates: [
        [lon, lat, 30],
        [lon + 0.01, lat + 0.01, 30],
      ],
      altitudeRef: 'AGL',
      waypointTimesS: [0, days * DAY_S],
    },
  });
}

/** Waypoint 2 is 150 m from waypoint 1 but reached at the same second. */
export function zeroTimeLegPlan(): FlightPlanInput {
  return basePlan({
    id: 'zero-time-leg',
    route: {
      type: 'LineString',
      coordinates: [
        [114.0705, 22.4002, 30],
        [114.0715, 22.4012, 30],
        [114.0725, 22.4002, 30],
      ],
      altitudeRef: 'AGL',
      waypointTimesS: [0, 60, 60],
    },
  });
}

// ---------------------------------------------------------------- KML, KMZ, XML

const KML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>' +
  '<name>big</name><LineString><altitudeMode>relativeToGround</altitudeMode><coordinates>';
const KML_TAIL = '</coordinates></LineString></Placemark></Document></kml>\n';

/** A small valid KML route, for uploads that must otherwise succeed. */
export function smallKml(): string {
  return `${KML_HEAD}114.0705,22.4002,30 114.0715,22.4012,60 114.0725,22.4002,30${KML_TAIL}`;
}

/**
 * A KMZ whose doc.kml inflates to about `kmlBytes`: one 2-D LineString that starts over Tai Lam and then repeats
 * the point "1,1", which deflate squeezes about 1,000:1 (50 MB of KML in ~50 KB). Streamed: the KML is never
 * in memory. Upload it with `kmzOptions` so a refusal cannot come from a missing altitude or speed.
 */
export function kmzBomb(kmlBytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const entry = new ZipDeflate('doc.kml', { level: 9 });
  zip.add(entry);
  const enc = new TextEncoder();
  entry.push(enc.encode(`${KML_HEAD}114.0705,22.4002 114.0715,22.4012 `));
  const chunk = enc.encode('1,1 '.repeat(1 << 18));
  for (let written = 0; written < kmlBytes; written += chunk.length) entry.push(chunk);
  entry.push(enc.encode(KML_TAIL), true);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Import options a 2-D route without times needs. */
export const kmzOptions = {
  defaultAltitude: { value: 30, ref: 'AGL', unit: 'm' },
  defaultSpeed: { value: 20, unit: 'km/h' },
} as const;

/** A KML that names an external entity (a local file). */
export function xxeKml(): string {
  return (
    '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n' +
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&secret;</name><LineString>' +
    '<coordinates>114.0705,22.4002,30 114.0715,22.4012,60</coordinates></LineString></Placemark></Document></kml>'
  );
}

/** An internal entity expanded 20,000 times (a "quadratic blow-up", no nesting of entities). */
export function entityExpansionKml(): string {
  const big = 'x'.repeat(10_000);
  return (
    `<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY big "${big}">]>\n` +
    `<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>${'&big;'.repeat(20_000)}</name>` +
    '<LineString><coordinates>114.0705,22.4002,30 114.0715,22.4012,60</coordinates></LineString>' +
    '</Placemark></Document></kml>'
  );
}

/** A GPX whose first route point sits `depth` extension elements deep. */
export function deepGpx(depth: number): string {
  return (
    '<?xml version="1.0"?>\n<gpx version="1.1" creator="abuse" xmlns="http://www.topografix.com/GPX/1/1"><rte>' +
    `<rtept lat="22.4002" lon="114.0705"><ele>30</ele><extensions>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}` +
    '</extensions></rtept><rtept lat="22.4012" lon="114.0715"><ele>30</ele></rtept></rte></gpx>'
  );
}

/** A KML whose Placemark sits inside `depth` nested Folders. */
export function deepKml(depth: number): string {
  return (
    `<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(depth)}` +
    '<Placemark><LineString><coordinates>114.0705,22.4002,30 114.0715,22.4012,60</coordinates></LineString>' +
    `</Placemark>${'</Folder>'.repeat(depth)}</Document></kml>`
  );
}

// ---------------------------------------------------------------- telemetry

/** `n` position reports from `aircraftCount` aircraft circling over Tai Lam, timed from `t0` (epoch ms). */
export function telemetrySamples(n: number, t0: number, prefix = 'abuse', aircraftCount = 10) {
  return Array.from({ length: n }, (_, i) => ({
    aircraftId: `${prefix}-${i % aircraftCount}`,
    time: t0 + Math.floor(i / aircraftCount) * 100,
    lon: 114.06 + (i % aircraftCount) * 0.001,
    lat: 22.39 + Math.floor(i / aircraftCount) * 0.00001,
    alt: 50,
    altRef: 'AGL' as const,
    groundSpeed: 5,
    heading: 90,
  }));
}

// ---------------------------------------------------------------- impact corpus

/**
 * `n` short flights spread over Tai Lam, climbing to 100–130 m AGL: some break the 120 m limit of the base
 * rulebook and not the 400 ft (121.92 m) of the `a2-height-400ft` draft, so the impact run has changes to report.
 */
export function impactCorpus(n: number): FlightPlanInput[] {
  return Array.from({ length: n }, (_, i) => {
    const lon = 114.04 + (i % 40) * 0.001;
    const lat = 22.38 + Math.floor(i / 40) * 0.0005;
    const top = 100 + (i % 31);
    return basePlan({
      id: `impact-${i}`,
      name: `impact corpus ${i}`,
      route: {
        type: 'LineString',
        coordinates: [
          [lon, lat, 0],
          [lon + 0.001, lat + 0.001, top],
          [lon + 0.002, lat, top],
          [lon, lat, 0],
        ],
        altitudeRef: 'AGL',
        legSpeeds: [speed, speed, speed],
      },
    });
  });
}
