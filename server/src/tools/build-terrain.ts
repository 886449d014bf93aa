/**
 * `npm run terrain:build`: converts the raw Hong Kong ground sources ONCE into the compact grids the product
 * ships (rules/data/terrain): WGS 84 lon/lat cells, Int16 decimetres, gzip, with a JSON header each.
 *   terrain: the Lands Department 70 m DTM (HK 1980 Grid, reprojected with proj4 and the EPSG:2326 datum
 *            shift), and SRTM where the DTM has no value (0 = sea or outside Hong Kong, e.g. Shenzhen);
 *   surface: SRTM via the Terrarium tiles (a surface model: buildings and trees included).
 * Both clamp heights below 0 m to 0 (the tiles carry bathymetry at sea; the sea surface is the ground there).
 *   node --import tsx server/src/tools/build-terrain.ts [--sources ../shared/data/hk-terrain] [--out rules/data/terrain]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { TerrainGridHeader } from '@sua-sandbox/rules/airspace';
import { type LandsdDtm, landsdCell, readLandsdDtm, TerrariumTiles, toHk1980 } from './terrain-sources.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};

/** Cell sizes (degrees): close to each source's own resolution (70 m DTM; ~30 m SRTM) to keep the files small. */
export const TERRAIN_CELL_DEG = 0.0005;
export const SURFACE_CELL_DEG = 0.0003;
const UNIT_M = 0.1;

const LANDSD_ATTRIBUTION = 'Source: Lands Department, HKSAR Government (DATA.GOV.HK)';
const SRTM_ATTRIBUTION =
  'Mapzen, U.S. Geological Survey, and U.S. National Oceanic and Atmospheric Administration (SRTM via Terrain Tiles)';

/** DTM bilinear at a WGS 84 point; a corner without a value takes `fill` (the SRTM height there). */
function landsdAt(d: LandsdDtm, lon: number, lat: number, fill: number): { value: number; measured: boolean } {
  const [e, n] = toHk1980(lon, lat);
  const fc = (e - d.bE) / d.aE;
  const fr = (n - d.bN) / d.aN;
  const c0 = Math.floor(fc);
  const r0 = Math.floor(fr);
  const tx = fc - c0;
  const ty = fr - r0;
  let sum = 0;
  let measured = false;
  const corners: [number, number, number][] = [
    [c0, r0, (1 - tx) * (1 - ty)],
    [c0 + 1, r0, tx * (1 - ty)],
    [c0, r0 + 1, (1 - tx) * ty],
    [c0 + 1, r0 + 1, tx * ty],
  ];
  for (const [c, r, w] of corners) {
    const v = landsdCell(d, c, r);
    if (Number.isNaN(v)) sum += w * fill;
    else {
      sum += w * v;
      if (w > 0) measured = true;
    }
  }
  return { value: sum, measured };
}

function toUnits(m: number): number {
  return Math.max(0, Math.min(32767, Math.round(Math.max(0, m) / UNIT_M)));
}

function grid(bounds: ReturnType<TerrariumTiles['bounds']>, cellDeg: number) {
  // Snap to the cell size so that grids are reproducible and their corners are round numbers.
  const west = Math.ceil(bounds.west / cellDeg) * cellDeg;
  const north = Math.floor(bounds.north / cellDeg) * cellDeg;
  const cols = Math.floor((bounds.east - west) / cellDeg);
  const rows = Math.floor((north - bounds.south) / cellDeg);
  return { west: Number(west.toFixed(6)), north: Number(north.toFixed(6)), cols, rows };
}

function write(outDir: string, header: TerrainGridHeader, values: Int16Array): number {
  const bin = gzipSync(Buffer.from(values.buffer, values.byteOffset, values.byteLength), { level: 9 });
  writeFileSync(path.join(outDir, `${header.id}.bin.gz`), bin);
  writeFileSync(path.join(outDir, `${header.id}.json`), `${JSON.stringify(header, null, 2)}\n`);
  return bin.length;
}

function main() {
  const sources = path.resolve(arg('sources', path.join(repoRoot, '../shared/data/hk-terrain')));
  const outDir = path.resolve(arg('out', path.join(repoRoot, 'rules/data/terrain')));
  mkdirSync(outDir, { recursive: true });
  const dtm = readLandsdDtm(sources);
  const tiles = new TerrariumTiles(path.join(sources, 'srtm-terrarium-z13'));
  const bounds = tiles.bounds();
  const common = {
    format: 'sua-terrain-grid/1' as const,
    unitM: UNIT_M,
    datum: 'heights in metres above mean sea level (the DTM uses Hong Kong Principal Datum, ~1.2 m below MSL)',
  };

  // Surface: SRTM alone.
  const s = grid(bounds, SURFACE_CELL_DEG);
  const surface = new Int16Array(s.cols * s.rows);
  for (let r = 0; r < s.rows; r++)
    for (let c = 0; c < s.cols; c++) {
      const lon = s.west + (c + 0.5) * SURFACE_CELL_DEG;
      const lat = s.north - (r + 0.5) * SURFACE_CELL_DEG;
      surface[r * s.cols + c] = toUnits(tiles.sample(lon, lat));
    }
  const surfaceBytes = write(
    outDir,
    {
      ...common,
      id: 'surface',
      title: 'Hong Kong surface model (SRTM: tops of buildings and trees)',
      ...s,
      cellDeg: SURFACE_CELL_DEG,
      resolutionM: 30,
      verticalAccuracyM: 16,
      sources: ['SRTM via Terrarium tiles z13 (../shared/data/hk-terrain/srtm-terrarium-z13)'],
      attribution: SRTM_ATTRIBUTION,
      licence: 'public domain (NASA SRTM); Terrain Tiles terms per tilezen/joerd',
      sourceUrl: 'https://registry.opendata.aws/terrain-tiles/',
    },
    surface,
  );

  // Terrain: the DTM where it has a value, SRTM elsewhere.
  const t = grid(bounds, TERRAIN_CELL_DEG);
  const terrain = new Int16Array(t.cols * t.rows);
  let measured = 0;
  for (let r = 0; r < t.rows; r++)
    for (let c = 0; c < t.cols; c++) {
      const lon = t.west + (c + 0.5) * TERRAIN_CELL_DEG;
      const lat = t.north - (r + 0.5) * TERRAIN_CELL_DEG;
      const srtm = Math.max(0, tiles.sample(lon, lat));
      const d = landsdAt(dtm, lon, lat, srtm);
      if (d.measured) measured++;
      terrain[r * t.cols + c] = toUnits(d.value);
    }
  const terrainBytes = write(
    outDir,
    {
      ...common,
      id: 'terrain',
      title: 'Hong Kong terrain model (Lands Department DTM, SRTM outside it)',
      ...t,
      cellDeg: TERRAIN_CELL_DEG,
      resolutionM: 70,
      verticalAccuracyM: 10,
      sources: [
        'Lands Department 5 m DTM (2020 LiDAR) as 70 m cell means (../shared/data/hk-terrain/landsd-dtm-70m.json)',
        'SRTM via Terrarium tiles z13 where the DTM has no value',
      ],
      attribution: `${LANDSD_ATTRIBUTION}; ${SRTM_ATTRIBUTION}`,
      licence: 'DATA.GOV.HK Terms of Use (https://data.gov.hk/en/terms-and-conditions); SRTM public domain',
      sourceUrl: 'https://data.gov.hk/en/terms-and-conditions',
    },
    terrain,
  );
  process.stdout.write(
    `terrain: ${t.cols}×${t.rows} cells of ${TERRAIN_CELL_DEG}°, ${measured} from the DTM, ${terrainBytes} bytes\n` +
      `surface: ${s.cols}×${s.rows} cells of ${SURFACE_CELL_DEG}°, ${surfaceBytes} bytes\n`,
  );
}

main();
