import { describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { expectImportError, expectValidRoute, hasWarning, sampleText } from './helpers.js';

// No GeoJSON route ships in shared data, so the cases are built from a real route: the PX4 QGC plan's.
const px4 = importRoute(sampleText('qgc/PX4SITL-PX4-MultiRotor.plan'), 'qgc');
const coords = px4.route.coordinates;
const flat = coords.map(([lon, lat]) => [lon, lat]);
const speed = { value: 8, unit: 'm/s' } as const;

function feature(geometry: object, properties: object | null = {}) {
  return { type: 'Feature', geometry, properties };
}

describe('GeoJSON', () => {
  it('round-trips a Route object (a LineString with route members) unchanged', () => {
    const r = expectValidRoute(importRoute(JSON.stringify(px4.route), 'geojson'));
    expect(r.route).toEqual(px4.route);
    expect(r.warnings).toEqual([]);
  });

  it('reads a Feature: properties give the reference, one speed for all legs and the name', () => {
    const text = JSON.stringify(
      feature({ type: 'LineString', coordinates: coords }, { name: 'PX4', altitudeRef: 'AMSL', speed }),
    );
    const r = expectValidRoute(importRoute(text, 'geojson'));
    expect(r.name).toBe('PX4');
    expect(r.route.coordinates).toEqual(coords);
    expect(r.route.legSpeeds).toEqual(new Array(coords.length - 1).fill(speed));
  });

  it('without altitudeRef reads heights as AMSL (RFC 7946) with a warning, unless the option says otherwise', () => {
    const text = JSON.stringify(feature({ type: 'LineString', coordinates: coords }, { speed }));
    const r = importRoute(text, 'geojson');
    expect(r.route.altitudeRef).toBe('AMSL');
    expect(hasWarning(r, /RFC 7946/)).toBe(true);
    const agl = importRoute(text, 'geojson', { altitudeRef: 'AGL' });
    expect(agl.route.altitudeRef).toBe('AGL');
    expect(hasWarning(agl, /RFC 7946/)).toBe(false);
  });

  it('2-D positions need defaultAltitude, which then sets the reference', () => {
    const text = JSON.stringify(feature({ type: 'LineString', coordinates: flat }, { speed }));
    expectImportError(() => importRoute(text, 'geojson'), {
      item: 'Feature',
      field: 'geometry.coordinates[0][2]',
      message: /defaultAltitude/,
    });
    const r = importRoute(text, 'geojson', { defaultAltitude: { value: 60, ref: 'AGL' } });
    expect(r.route.altitudeRef).toBe('AGL');
    expect(r.route.coordinates.every((c) => c[2] === 60)).toBe(true);
  });

  it('picks among several LineStrings by index and ignores other geometry', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature({ type: 'Polygon', coordinates: [[...flat, flat[0]]] }),
        feature({ type: 'LineString', coordinates: coords.slice(0, 3) }, { altitudeRef: 'AMSL', speed }),
        feature({ type: 'LineString', coordinates: coords.slice(3) }, { altitudeRef: 'AMSL', speed, name: 'second' }),
      ],
    };
    const first = importRoute(JSON.stringify(collection), 'geojson');
    expect(first.route.coordinates).toEqual(coords.slice(0, 3));
    expect(hasWarning(first, /2 LineStrings; used features\[1\]/)).toBe(true);
    expect(hasWarning(first, /1 features that are not part of the route/)).toBe(true);
    const second = importRoute(JSON.stringify(collection), 'geojson', { index: 1 });
    expect(second.name).toBe('second');
    expect(second.route.coordinates).toEqual(coords.slice(3));
  });

  it('uses ordered Point features as waypoints with per-point speed and hover', () => {
    const points = {
      type: 'FeatureCollection',
      features: coords
        .slice(0, 3)
        .map((c, i) =>
          feature(
            { type: 'Point', coordinates: c },
            { altitudeRef: 'AMSL', speed: { value: i + 1, unit: 'm/s' }, hoverS: i * 5 },
          ),
        ),
    };
    const r = expectValidRoute(importRoute(JSON.stringify(points), 'geojson'));
    expect(r.route.coordinates).toEqual(coords.slice(0, 3));
    expect(r.route.legSpeeds?.map((s) => s.value)).toEqual([1, 2]);
    expect(r.route.hoverS).toEqual([0, 5, 10]);
    points.features[2].properties = { altitudeRef: 'AGL' } as never;
    expectImportError(() => importRoute(JSON.stringify(points), 'geojson'), {
      item: 'features[2]',
      field: 'properties.altitudeRef',
    });
  });
});

describe('GeoJSON malformed variants name the feature and member', () => {
  const good = feature({ type: 'LineString', coordinates: coords }, { altitudeRef: 'AMSL', speed });

  it('a bad latitude', () => {
    const bad = structuredClone(good);
    (bad.geometry as { coordinates: number[][] }).coordinates[3][1] = 123;
    expectImportError(() => importRoute(JSON.stringify(bad), 'geojson'), {
      item: 'Feature',
      field: 'geometry.coordinates[3][1]',
      message: /latitude 123/,
    });
  });

  it('a negative speed and a legSpeeds array of the wrong length', () => {
    const negative = feature({ type: 'LineString', coordinates: coords }, { legSpeeds: [{ value: -1, unit: 'm/s' }] });
    expectImportError(() => importRoute(JSON.stringify(negative), 'geojson'), {
      field: 'properties.legSpeeds[0].value',
    });
    const short = feature({ type: 'LineString', coordinates: coords }, { legSpeeds: [speed] });
    expectImportError(() => importRoute(JSON.stringify(short), 'geojson'), { item: 'route', field: 'legSpeeds' });
  });

  it('no speed at all', () => {
    const none = feature({ type: 'LineString', coordinates: coords }, { altitudeRef: 'AMSL' });
    expectImportError(() => importRoute(JSON.stringify(none), 'geojson'), {
      item: 'Feature',
      field: 'properties.legSpeeds',
    });
  });

  it('truncated JSON, a Polygon, and a collection with nothing to fly', () => {
    const text = JSON.stringify(good, null, 2);
    expectImportError(() => importRoute(text.slice(0, 120), 'geojson'), {
      item: '(document)',
      message: /not valid JSON/,
    });
    expectImportError(() => importRoute(JSON.stringify({ type: 'Polygon', coordinates: [] }), 'geojson'), {
      field: 'type',
    });
    const empty = { type: 'FeatureCollection', features: [feature({ type: 'Point', coordinates: coords[0] })] };
    expectImportError(() => importRoute(JSON.stringify(empty), 'geojson'), { message: /fewer than two Point/ });
  });
});
