import { describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { expectImportError, expectValidRoute, hasWarning, sampleText } from './helpers.js';

const TRACK = sampleText('gpx/cerknicko-jezero.gpx');
const ROUTE = sampleText('gpx/route.gpx');

/** Points of the file read independently of the importer: per <trk>, its trkpt lat/lon/ele/time. */
function trackPoints(gpx: string) {
  return [...gpx.matchAll(/<trk>([\s\S]*?)<\/trk>/g)].map((trk) =>
    [...trk[1].matchAll(/<trkpt lat="([^"]+)" lon="([^"]+)">\s*<ele>([^<]+)<\/ele>\s*<time>([^<]+)<\/time>/g)].map(
      (m) => ({
        lat: Number(m[1]),
        lon: Number(m[2]),
        ele: Number(m[3]),
        t: Date.parse(m[4]),
      }),
    ),
  );
}

/** Replaces the n-th (0-based) occurrence of `find` in `text`. */
function replaceNth(text: string, find: string, n: number, by: string): string {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(find, at + 1);
  return text.slice(0, at) + by + text.slice(at + find.length);
}

describe('GPX cerknicko-jezero.gpx (GPX 1.0 log: 8 tracks, 296 trkpt with ele and time)', () => {
  const tracks = trackPoints(TRACK);
  const all = tracks.flat();

  it('holds 296 points in 8 tracks, the first empty (checked independently of the importer)', () => {
    expect(all).toHaveLength(296);
    expect(tracks).toHaveLength(8);
    expect(tracks[0]).toHaveLength(0);
  });

  it('by default takes the first track with points and lists the others in a warning', () => {
    const r = expectValidRoute(importRoute(TRACK, 'gpx'));
    expect(r.name).toBe('ACTIVE LOG #2');
    expect(r.route.coordinates).toHaveLength(tracks[1].length);
    expect(hasWarning(r, /8 routes\/tracks .* used trk\[1\] 'ACTIVE LOG #2'/)).toBe(true);
  });

  it('joinTracks joins all 296 points; ele is AMSL and times are seconds after the first point', () => {
    const r = expectValidRoute(importRoute(TRACK, 'gpx', { joinTracks: true }));
    expect(r.route.coordinates).toHaveLength(296);
    expect(r.route.altitudeRef).toBe('AMSL');
    expect(r.route.coordinates[0]).toEqual([14.357659249, 45.772175035, 542.320923]);
    expect(r.route.coordinates.map((c) => c[2])).toEqual(all.map((p) => p.ele));
    expect(r.route.waypointTimesS?.[0]).toBe(0);
    // 2010-08-05T14:23:59Z → 2010-08-05T16:23:49Z
    expect(r.route.waypointTimesS?.at(-1)).toBe(7190);
    expect(r.route.waypointTimesS).toEqual(all.map((p) => (p.t - all[0].t) / 1000));
    expect(r.route.legSpeeds).toBeUndefined();
  });

  it('index picks a track; an empty one or one past the end is an error naming it', () => {
    const third = importRoute(TRACK, 'gpx', { index: 2 });
    expect(third.route.coordinates).toHaveLength(tracks[2].length);
    expect(third.name).toBe('ACTIVE LOG #3');
    expectImportError(() => importRoute(TRACK, 'gpx', { index: 0 }), { item: 'trk[0]', message: /has 0 points/ });
    expectImportError(() => importRoute(TRACK, 'gpx', { index: 8 }), { field: 'index' });
  });

  it('uses wpt waypoints when there is no trk or rte', () => {
    const wptOnly = TRACK.replace(/<trk>[\s\S]*<\/trk>/, '');
    expectImportError(() => importRoute(wptOnly, 'gpx'), { item: 'wpt[0]', field: 'ele' });
    const r = importRoute(wptOnly, 'gpx', {
      defaultAltitude: { value: 0, ref: 'AMSL' },
      defaultSpeed: { value: 8, unit: 'm/s' },
    });
    expect(r.route.coordinates).toHaveLength(7);
    expect(hasWarning(r, /7 wpt waypoints/)).toBe(true);
    expect(hasWarning(r, /1 of 7 points have no ele/)).toBe(true);
  });
});

describe('GPX route.gpx (55 rtept without ele or time)', () => {
  it('needs a default altitude, naming the first rtept ele', () => {
    expectImportError(() => importRoute(ROUTE, 'gpx'), {
      format: 'gpx',
      item: 'rte[0].rtept[0]',
      field: 'ele',
      message: /rte\[0\]\.rtept\[0\]\.ele: no elevation/,
    });
  });

  it('then needs a default speed, naming the missing time', () => {
    expectImportError(() => importRoute(ROUTE, 'gpx', { defaultAltitude: { value: 50, ref: 'AGL' } }), {
      item: 'rte[0].rtept[0]',
      field: 'time',
      message: /defaultSpeed/,
    });
  });

  it('imports all 55 points with both defaults, converting feet, and says it used them', () => {
    const r = expectValidRoute(
      importRoute(ROUTE, 'gpx', {
        defaultAltitude: { value: 200, unit: 'ft', ref: 'AGL' },
        defaultSpeed: { value: 36, unit: 'km/h' },
      }),
    );
    expect(r.route.coordinates).toHaveLength(55);
    expect(r.route.coordinates[0]).toEqual([13.726695478, 45.2787641494, 60.96]);
    expect(r.route.altitudeRef).toBe('AGL');
    expect(r.route.legSpeeds).toHaveLength(54);
    expect(r.route.legSpeeds?.[0]).toEqual({ value: 36, unit: 'km/h' });
    expect(hasWarning(r, /55 of 55 points have no ele/)).toBe(true);
    expect(hasWarning(r, /54 of 54 legs have no speed/)).toBe(true);
  });
});

describe('GPX malformed variants name the point and field', () => {
  it('a latitude out of range', () => {
    const bad = TRACK.replace('<trkpt lat="45.772175035"', '<trkpt lat="123.4"');
    expectImportError(() => importRoute(bad, 'gpx'), {
      item: 'trk[1].trkseg[0].trkpt[0]',
      field: 'lat',
      message: /out of range/,
    });
  });

  it('an unreadable time, and times that go backwards', () => {
    const thirteenth = tracksTime(TRACK, 12);
    const bad = TRACK.replace(`<time>${thirteenth}</time>`, '<time>yesterday</time>');
    expectImportError(() => importRoute(bad, 'gpx'), { item: 'trk[1].trkseg[0].trkpt[12]', field: 'time' });
    const backwards = TRACK.replace(`<time>${thirteenth}</time>`, '<time>2010-08-05T00:00:00Z</time>');
    expectImportError(() => importRoute(backwards, 'gpx'), {
      item: 'trk[1].trkseg[0].trkpt[12]',
      field: 'time',
      message: /earlier/,
    });
  });

  it('an elevation that is not a number, and one that is missing', () => {
    const bad = replaceNth(TRACK, '<ele>542.320923</ele>', 0, '<ele>high</ele>');
    expectImportError(() => importRoute(bad, 'gpx'), { item: 'trk[1].trkseg[0].trkpt[0]', field: 'ele' });
    const gap = replaceNth(TRACK, '<ele>542.320923</ele>', 0, '');
    expectImportError(() => importRoute(gap, 'gpx'), {
      item: 'trk[1].trkseg[0].trkpt[0]',
      field: 'ele',
      message: /1 of/,
    });
    const filled = importRoute(gap, 'gpx', { defaultAltitude: { value: 540, ref: 'AMSL' } });
    expect(filled.route.coordinates[0][2]).toBe(540);
  });

  it('truncated XML and a non-GPX root', () => {
    expectImportError(() => importRoute(TRACK.slice(0, 5000), 'gpx'), {
      item: '(document)',
      message: /not well-formed XML at line/,
    });
    expectImportError(() => importRoute(sampleText('kml/rid.kml'), 'gpx'), { message: /<kml>, not <gpx>/ });
  });
});

/** The n-th trkpt time text of the file's first non-empty track. */
function tracksTime(gpx: string, n: number): string {
  const block = [...gpx.matchAll(/<trk>([\s\S]*?)<\/trk>/g)][1][1];
  return [...block.matchAll(/<time>([^<]+)<\/time>/g)][n][1];
}
