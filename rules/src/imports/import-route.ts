import { decodeText } from './common.js';
import { detectPlanFormat } from './detect.js';
import { PlanImportError } from './errors.js';
import { importGeoJson } from './geojson.js';
import { importGpx } from './gpx.js';
import { importKmlText } from './kml.js';
import { importKmz, isZip } from './kmz.js';
import { importQgc } from './qgc.js';
import {
  type ImportEnvironment,
  type ImportedRoute,
  type ImportFormat,
  ImportOptions,
  PLAN_FORMATS,
  type PlanFormat,
} from './types.js';

function resolveOptions(opts: ImportOptions | undefined, format: ImportFormat) {
  const parsed = ImportOptions.safeParse(opts ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PlanImportError(format, 'options', issue.path.join('.') || undefined, issue.message);
}

/**
 * Reads a flight path from a plan file into the shared `Route` model (validated with `Route.parse`).
 * Throws PlanImportError naming the item and field for content it cannot use; every assumption it makes
 * (defaults applied, items skipped) is listed in `warnings`, and how its altitudes were read or converted in
 * `route.altitudeConversions` (which the report lists among its assumptions). `env.ground` converts heights
 * relative to the launch point to AMSL from the ground there; without it they are read as AGL.
 */
export function importRoute(
  content: string | Uint8Array,
  format: ImportFormat,
  opts?: ImportOptions,
  env: ImportEnvironment = {},
): ImportedRoute {
  if (format !== 'auto' && !(PLAN_FORMATS as readonly string[]).includes(format))
    throw new PlanImportError(
      format,
      '(request)',
      'format',
      `unknown format; use one of ${PLAN_FORMATS.join(', ')} or auto`,
    );
  const resolved = resolveOptions(opts, format);
  let actual: PlanFormat | undefined = format === 'auto' ? detectPlanFormat(content) : format;
  if (!actual)
    throw new PlanImportError(
      'auto',
      '(document)',
      undefined,
      `format not recognised; expected ${PLAN_FORMATS.join(', ')} (a QGC plan needs "fileType": "Plan", GeoJSON a "type")`,
    );
  const zipped = typeof content !== 'string' && isZip(content);
  const notes: string[] = [];
  if (actual === 'kml' && zipped) {
    actual = 'kmz';
    notes.push('the KML content is a ZIP archive; read as KMZ');
  }
  if (actual === 'kmz') {
    const result = importKmz(content, resolved, env);
    result.warnings.unshift(...notes);
    return result;
  }
  if (zipped) throw new PlanImportError(actual, '(document)', undefined, 'the content is a ZIP archive, not text');
  const text = decodeText(content);
  switch (actual) {
    case 'geojson':
      return importGeoJson(text, resolved);
    case 'qgc':
      return importQgc(text, resolved, env);
    case 'gpx':
      return importGpx(text, resolved);
    case 'kml':
      return importKmlText(text, resolved, 'kml', env);
  }
}
