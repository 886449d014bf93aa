/**
 * Shared benchmark workload (../shared/bench): generation on demand, loading through the published lib.js
 * (so loading and checksums are exactly the reference ones), and conversion of its zones to our Zone model.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Zone } from '../../../rules/src/model/zone.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedBenchDir = path.resolve(repoRoot, '../shared/bench');
export const benchDataDir = path.join(repoRoot, '.bench-data');

export interface Telemetry {
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  alt: Float64Array;
  t: Float64Array;
  drone: Int32Array;
}
export interface BenchFeature {
  properties: { id: string; class: string; floorM: number; ceilingM: number; shape: string };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}
export interface BenchPlan {
  id: string;
  droneId: string;
  waypoints: [number, number, number][];
}
export interface PairsBuffer {
  buf: Uint32Array;
  n: number;
  push(a: number, b: number): void;
}
export interface Checksum {
  pairs: number;
  distinct: number;
  sha256: string;
}
interface SharedLib {
  loadZones(dir: string): BenchFeature[];
  loadTelemetry(dir: string, limit: number): Telemetry;
  loadPlans(dir: string, limit: number): BenchPlan[];
  Pairs: new (cap?: number) => PairsBuffer;
  checksum(p: PairsBuffer): Checksum;
}

export const shared: SharedLib = createRequire(import.meta.url)(path.join(sharedBenchDir, 'lib.js'));

/** Published checksums (../shared/bench/README.md). */
export const EXPECTED = {
  points1M: {
    pairs: 607_460,
    distinct: 474_877,
    sha256: '56a561e914e4e6c426696a5533f8d53e35c911b36f1a509b9d2dd6373b9382f9',
  },
  points20k: {
    pairs: 11_522,
    distinct: 9_057,
    sha256: '6cbfcc6d2e5f3e6ffac573009737ded679747ab8818a234ce426fbd742ea536f',
  },
  plans: { pairs: 6_633, distinct: 930, sha256: '6f3c7227b8d05ad80a82fc94a447f64170ef5d7ac3961d945abaf637ba950b08' },
} as const;

/** Generates the default workload into `dir` unless it is already there; returns the seconds it took (0 if cached). */
export function ensureWorkload(dir = benchDataDir): number {
  const files = ['zones.geojson', 'telemetry.csv', 'plans.json'];
  if (files.every((f) => existsSync(path.join(dir, f)))) return 0;
  const t0 = performance.now();
  execFileSync(process.execPath, [path.join(sharedBenchDir, 'gen.js'), '--out', dir], { stdio: 'ignore' });
  return (performance.now() - t0) / 1000;
}

/**
 * The workload's zones as our Zone model: Polygon footprints (planar lon/lat), floorM/ceilingM as metres
 * AMSL (with the sea-level ground model, AGL and AMSL coincide), always active.
 */
export function benchZonesToModel(features: BenchFeature[]): Zone[] {
  return features.map((f) =>
    Zone.parse({
      id: f.properties.id,
      name: { en: `Synthetic zone ${f.properties.id}`, zh: `合成區 ${f.properties.id}` },
      class: 'temporary-restriction',
      effect: 'restricted-flying-zone',
      geometry: f.geometry,
      lower: { value: f.properties.floorM, unit: 'm', ref: 'AMSL' },
      upper: { value: f.properties.ceilingM, unit: 'm', ref: 'AMSL' },
      provenance: { accuracy: 'user', source: '../shared/bench/gen.js (synthetic workload)' },
    }),
  );
}
