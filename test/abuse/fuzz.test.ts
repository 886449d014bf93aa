/**
 * Property-based fuzzing (fast-check, fixed seed, bounded runs), in-process and pure: every plan importer and
 * every zone format reader fed mutated real sample files returns a result or throws its typed error, never a
 * TypeError or RangeError; the draft applier, fed hostile changes, never touches a built-in prototype.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportZones, importZones, type ZoneFormat, ZoneFormatError } from '../../rules/src/airspace/formats/index.js';
import { applyDraft } from '../../rules/src/engine/index.js';
import { importRoute, type PlanFormat, PlanImportError } from '../../rules/src/imports/index.js';
import type { Rulebook } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { repoRoot, sharedData } from './harness.js';
import {
  applyByteEdits,
  applyJsonEdits,
  applyTextEdits,
  applyXmlValueEdits,
  byteEdits,
  expectTypedOutcome,
  jsonEdits,
  textEdits,
  xmlValueEdits,
} from './mutate.js';
import { kmzOptions } from './payloads.js';

const SEED = 20261204;
const RUNS = 150;
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

const read = (file: string) => fs.readFileSync(file, 'utf8');
const geojsonRoute = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'fuzz', altitudeRef: 'AGL' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [114.0705, 22.4002, 30],
          [114.0715, 22.4012, 60],
          [114.0725, 22.4002, 30],
        ],
      },
    },
  ],
});

const planSeeds: Record<Exclude<PlanFormat, 'kmz'>, string[]> = {
  qgc: ['PX4SITL-PX4-MultiRotor.plan', 'TerrainTest-ArduCopter.plan', 'simple_square.plan'].map((f) =>
    read(sharedData('qgc', f)),
  ),
  kml: [read(sharedData('kml', 'rid.kml'))],
  gpx: [read(sharedData('gpx', 'route.gpx')), read(sharedData('gpx', 'cerknicko-jezero.gpx'))],
  geojson: [geojsonRoute],
};

const options = fc.constantFrom(undefined, kmzOptions);

describe('plan importers fed mutated sample files throw only PlanImportError', () => {
  for (const [format, seeds] of Object.entries(planSeeds) as [PlanFormat, string[]][]) {
    it(`${format}: text edits (format given and auto-detected)`, () => {
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), textEdits, options, fc.boolean(), (i, edits, opts, auto) => {
          const text = applyTextEdits(seeds[i], edits);
          expectTypedOutcome(
            () => importRoute(text, auto ? 'auto' : format, opts),
            [PlanImportError],
            () => text,
          );
        }),
        params,
      );
    });
  }

  for (const format of ['kml', 'gpx'] as const)
    it(`${format}: element text and attribute values replaced`, () => {
      const seeds = planSeeds[format];
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), xmlValueEdits, options, (i, edits, opts) => {
          const text = applyXmlValueEdits(seeds[i], edits);
          expectTypedOutcome(
            () => importRoute(text, format, opts),
            [PlanImportError],
            () => text,
          );
        }),
        { ...params, numRuns: 300 },
      );
    });

  for (const format of ['qgc', 'geojson'] as const)
    it(`${format}: structural JSON edits`, () => {
      const docs = planSeeds[format].map((t) => JSON.parse(t) as unknown);
      fc.assert(
        fc.property(fc.nat(docs.length - 1), jsonEdits, options, (i, edits, opts) => {
          const text = JSON.stringify(applyJsonEdits(docs[i], edits));
          expectTypedOutcome(
            () => importRoute(text, format, opts),
            [PlanImportError],
            () => text,
          );
        }),
        params,
      );
    });

  it('kmz: mutated KML zipped, and byte edits of the archive', () => {
    const kml = planSeeds.kml[0];
    fc.assert(
      fc.property(textEdits, byteEdits, fc.boolean(), (edits, bytes, zipFirst) => {
        const archive = zipSync({ 'doc.kml': new TextEncoder().encode(applyTextEdits(kml, edits)) });
        const input = zipFirst ? archive : applyByteEdits(archive, bytes);
        expectTypedOutcome(
          () => importRoute(input, 'kmz', kmzOptions),
          [PlanImportError],
          () => 'binary KMZ',
        );
      }),
      params,
    );
  });
});

const catalogue = loadCatalogue();
const zoneSeeds: Record<ZoneFormat, unknown[]> = {
  ed269: [JSON.parse(read(sharedData('ed269', 'cis_source_sample_ed269.json')))],
  ed318: ['Example_Collection.json', 'Example_GeoZone_2_Layers.json', 'Example_GeoZone_Circle.json'].map((f) =>
    JSON.parse(read(sharedData('ed318', 'examples', f))),
  ),
  geojson: [exportZones(catalogue.zones.slice(0, 12), 'geojson')],
  'cad-dronemap': [JSON.parse(read(`${repoRoot}/test/formats/fixtures/cad-dronemap-synthetic.json`))],
};

describe('zone format readers fed mutated samples throw only ZoneFormatError', () => {
  for (const [format, docs] of Object.entries(zoneSeeds) as [ZoneFormat, unknown[]][]) {
    it(`${format}: structural JSON edits (format given and auto-detected)`, () => {
      fc.assert(
        fc.property(fc.nat(docs.length - 1), jsonEdits, fc.boolean(), (i, edits, auto) => {
          const doc = applyJsonEdits(docs[i], edits);
          expectTypedOutcome(
            () => importZones(doc, auto ? 'auto' : format),
            [ZoneFormatError],
            () => JSON.stringify(doc),
          );
        }),
        params,
      );
    });
  }
});

/** Hostile draft changes over the newest built-in rulebook (read when the test runs). */
function changesOver(base: Rulebook) {
  const ruleIds = base.rules.map((r) => r.id);
  const paramNames = Object.keys(base.parameters);
  const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty');
  const segment = fc.oneof(
    hostileKey,
    fc.constantFrom('limit', 'value', 'unit', '0', 'required'),
    fc.string({ maxLength: 6 }),
  );
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(JSON.parse('{"__proto__":{"polluted":true},"permissions":["x"]}')),
  );
  const change = fc.oneof(
    fc.record({
      op: fc.constant('set-parameter'),
      rule: fc.oneof(fc.constantFrom(...ruleIds), hostileKey),
      path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.')),
      value,
    }),
    fc.record({ op: fc.constant('set-global'), name: fc.oneof(fc.constantFrom(...paramNames), hostileKey), value }),
    fc.record({ op: fc.constant('withdraw-rule'), rule: fc.oneof(fc.constantFrom(...ruleIds), hostileKey) }),
    fc.record({ op: fc.constant('remove-zone'), zone: hostileKey }),
  );
  return fc.array(change, { minLength: 1, maxLength: 4 });
}

describe('the draft applier never touches a built-in prototype', () => {
  const guarded: object[] = [Object.prototype, Array.prototype, Function.prototype, Object, String.prototype];
  const original = guarded.map((o) => Object.getOwnPropertyDescriptors(o));
  /** Members added to or replaced on a built-in since the start; each is put back as it was. */
  function restoreBuiltins(): string[] {
    const touched: string[] = [];
    guarded.forEach((o, i) => {
      const was = original[i];
      for (const key of Object.getOwnPropertyNames(o)) {
        const now = Object.getOwnPropertyDescriptor(o, key);
        const before = was[key];
        if (before && Object.is(now?.value, before.value) && now?.get === before.get) continue;
        touched.push(`${i}:${key}`);
        if (before) Object.defineProperty(o, key, before);
        else delete (o as Record<string, unknown>)[key];
      }
    });
    return touched;
  }

  it('random changes, including __proto__ / constructor paths and names: no new prototype members, no throw', () => {
    const base = loadBuiltinRulebooks().at(-1);
    if (!base) throw new Error('no built-in rulebook');
    const baseJson = JSON.stringify(base);
    fc.assert(
      fc.property(changesOver(base), (changes) => {
        const draft = { id: 'fuzz', title: 'Fuzz', base: base.id, changes };
        expect(() => applyDraft(base, draft as Parameters<typeof applyDraft>[1])).not.toThrow();
        const touched = restoreBuiltins();
        if (touched.length)
          throw new Error(`changes ${JSON.stringify(changes)} touched built-ins ${touched.join(', ')}`);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { ...params, numRuns: 400 },
    );
    expect(JSON.stringify(base), 'the base rulebook is not modified').toBe(baseJson);
  });
});
