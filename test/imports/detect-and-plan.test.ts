import { readdirSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  detectPlanFormat,
  type FlightPlanTemplate,
  importRoute,
  PlanImportError,
  planFromImport,
} from '../../rules/src/imports/index.js';
import { FlightPlan } from '../../rules/src/model/plan.js';
import { expectImportError, sampleBytes, sampleText } from './helpers.js';

const SAMPLES: [string, string][] = [
  ['qgc/simple_square.plan', 'qgc'],
  ['qgc/TerrainTest-ArduCopter.plan', 'qgc'],
  ['qgc/PX4SITL-PX4-MultiRotor.plan', 'qgc'],
  ['kml/rid.kml', 'kml'],
  ['gpx/cerknicko-jezero.gpx', 'gpx'],
  ['gpx/route.gpx', 'gpx'],
];

describe('detectPlanFormat', () => {
  it.each(SAMPLES)('%s is %s, as text and as bytes', (file, format) => {
    expect(detectPlanFormat(sampleText(file))).toBe(format);
    expect(detectPlanFormat(sampleBytes(file))).toBe(format);
  });

  it('recognises GeoJSON, KMZ and truncated files, and nothing else', () => {
    expect(detectPlanFormat('{"type": "FeatureCollection", "features": []}')).toBe('geojson');
    expect(detectPlanFormat(zipSync({ 'doc.kml': sampleBytes('kml/rid.kml') }))).toBe('kmz');
    expect(detectPlanFormat(sampleText('qgc/simple_square.plan').slice(0, 300))).toBe('qgc');
    expect(detectPlanFormat('{"rulebook": 1}')).toBeUndefined();
    expect(detectPlanFormat('<html><body/></html>')).toBeUndefined();
    expect(detectPlanFormat('lat,lon\n1,2')).toBeUndefined();
  });
});

describe('importRoute auto and options', () => {
  it('auto imports each real sample with its own parser', () => {
    const opts = {
      defaultSpeed: { value: 5, unit: 'm/s' as const },
      defaultAltitude: { value: 50, ref: 'AGL' as const },
    };
    for (const [file, format] of SAMPLES) expect(importRoute(sampleBytes(file), 'auto', opts).format).toBe(format);
  });

  it('unrecognised content, an unknown format and bad options are PlanImportErrors', () => {
    expectImportError(() => importRoute('hello', 'auto'), {
      format: 'auto',
      item: '(document)',
      message: /not recognised/,
    });
    expectImportError(() => importRoute('{}', 'csv' as never), { field: 'format' });
    expectImportError(() => importRoute('{}', 'qgc', { defaultSpeed: { value: 5, unit: 'mph' as never } }), {
      item: 'options',
      field: 'defaultSpeed.unit',
    });
    expectImportError(() => importRoute('{}', 'qgc', { index: -1 }), { item: 'options', field: 'index' });
  });

  it('a PlanImportError carries format, item, field and a message that names them', () => {
    const err = new PlanImportError('kml', "Placemark 'WP3'", 'altitude', 'missing');
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe("kml: Placemark 'WP3' altitude: missing");
    expect(new PlanImportError('qgc', 'mission.items[3]', 'params[6]', 'x').message).toBe(
      'qgc: mission.items[3].params[6]: x',
    );
  });
});

describe('planFromImport', () => {
  const template: FlightPlanTemplate = {
    aircraft: {
      mass: { value: 0.9, unit: 'kg' },
      maxDimensionM: 0.4,
      equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
      registration: 'UA0001',
      labelled: true,
    },
    pilot: { age: 30, registered: true, advancedRating: false },
    responsiblePerson: { age: 30, registered: true, insurance: { value: 10_000_000, unit: 'HKD' } },
    operation: {
      purpose: 'survey',
      vlos: true,
      pilotPosition: [8.5455, 47.397],
      aircraftPerPilot: 1,
      dangerousGoods: false,
      droppingArticles: false,
      carriesPersonsOrAnimals: false,
      whollyInEnclosedArea: false,
      minDistanceFromUninvolvedM: 50,
    },
    start: '2025-06-01T10:00:00+08:00',
  };
  const imported = importRoute(sampleText('gpx/cerknicko-jezero.gpx'), 'gpx');

  it('gives a plan that passes the FlightPlan schema, named after the file unless the template names it', () => {
    const plan = planFromImport(imported, template);
    expect(FlightPlan.parse(plan).route).toEqual(imported.route);
    expect(plan.name).toBe('ACTIVE LOG #2');
    expect(planFromImport(imported, { ...template, name: 'Survey 7' }).name).toBe('Survey 7');
    expect(planFromImport(imported.route, template).route).toBe(imported.route);
  });
});

describe('imports stay pure', () => {
  it('no module under rules/src/imports touches node I/O, the server, the clock or randomness', () => {
    const dir = new URL('../../rules/src/imports/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(
        /from '(node:|fs|path|express|socket\.io)|server\/|client\/|Date\.now\(|Math\.random\(/,
      );
    }
  });
});
