import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import {
  type GridElevationModel,
  gridElevationModel,
  parseTerrainHeader,
  seaLevel,
  TerrainGridError,
} from '@sua-sandbox/rules/airspace';

/** The shipped Hong Kong ground grids (built by `npm run terrain:build`; attribution in NOTICE beside them). */
export const TERRAIN_DIR = fileURLToPath(new URL('../../../rules/data/terrain', import.meta.url));

export const GROUND_MODELS = ['terrain', 'surface', 'sea-level'] as const;
export type GroundModelId = (typeof GROUND_MODELS)[number];

const cache = new Map<string, GridElevationModel>();

/** Reads `<id>.json` (header) and `<id>.bin.gz` (Int16 LE) from `dir`; errors name the file and field. */
export function loadTerrainGrid(id: 'terrain' | 'surface', dir: string = TERRAIN_DIR): GridElevationModel {
  const key = path.join(dir, id);
  const hit = cache.get(key);
  if (hit) return hit;
  const headerFile = path.join(dir, `${id}.json`);
  let header: ReturnType<typeof parseTerrainHeader>;
  try {
    header = parseTerrainHeader(JSON.parse(readFileSync(headerFile, 'utf8')));
  } catch (err) {
    throw new TerrainGridError(headerFile, (err as Error).message);
  }
  const bytes = gunzipSync(readFileSync(path.join(dir, `${id}.bin.gz`)));
  if (bytes.length !== header.cols * header.rows * 2)
    throw new TerrainGridError(
      `${id}.bin.gz`,
      `expected ${header.cols * header.rows * 2} bytes, found ${bytes.length}`,
    );
  // Copy into an aligned buffer (a Buffer may sit at an odd offset of a shared pool); little-endian as written. In
  // shared memory: worker threads (airspace workers, monitor shards) are posted the model and read these bytes
  // rather than a copy each, so one copy sits in the processor's cache for all of them.
  const values = new Int16Array(new SharedArrayBuffer(header.cols * header.rows * 2));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt16(2 * i, true);
  const model = gridElevationModel(header, values);
  cache.set(key, model);
  return model;
}

/** The ground model by name: the LandsD terrain (default), the SRTM surface, or sea level. */
export function loadGroundModel(id: GroundModelId = 'terrain', dir?: string): ElevationModel {
  if (id === 'sea-level') return seaLevel;
  const models = loadGroundModels(dir);
  return models[id];
}

/** Both grid models, for rulebooks that pick the ground or the surface (`groundReference`). */
export function loadGroundModels(dir?: string): { terrain: GridElevationModel; surface: GridElevationModel } {
  const terrain = loadTerrainGrid('terrain', dir);
  const surface = loadTerrainGrid('surface', dir);
  // Each knows the other, so a rulebook's groundReference can switch between them.
  terrain.alternates.set('surface', surface);
  surface.alternates.set('terrain', terrain);
  return { terrain, surface };
}

/**
 * The ground an import converts launch-relative heights with: the grid itself (no alternates needed). None for
 * sea level: there the importer reads such heights as AGL and says that the ground is taken to be level.
 */
export function loadImportGround(id: GroundModelId, dir?: string): GridElevationModel | undefined {
  return id === 'sea-level' ? undefined : loadTerrainGrid(id, dir);
}
