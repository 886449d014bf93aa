import { unzipSync } from 'fflate';
import { decodeText } from './common.js';
import { PlanImportError } from './errors.js';
import { importKmlText } from './kml.js';
import type { ImportedRoute, ResolvedImportOptions } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** doc.kml first (the KMZ convention), then a top-level .kml, then DJI's wpmz/waylines.wpml, then any .kml. */
function chooseEntry(names: string[]): string | undefined {
  const lower = names.map((n) => n.toLowerCase());
  const pick = (test: (n: string) => boolean) => {
    const i = lower.findIndex(test);
    return i >= 0 ? names[i] : undefined;
  };
  return (
    pick((n) => n === 'doc.kml') ??
    pick((n) => !n.includes('/') && n.endsWith('.kml')) ??
    pick((n) => n.endsWith('waylines.wpml')) ??
    pick((n) => n.endsWith('.kml'))
  );
}

/** KMZ: a zip holding the KML; only the chosen entry is inflated, and only up to maxUncompressedBytes. */
export function importKmz(content: string | Uint8Array, opts: ResolvedImportOptions): ImportedRoute {
  if (typeof content === 'string')
    throw new PlanImportError('kmz', '(document)', undefined, 'KMZ content must be given as bytes, not text');
  if (!isZip(content)) throw new PlanImportError('kmz', '(archive)', undefined, 'not a ZIP archive');
  const sizes = new Map<string, number>();
  try {
    unzipSync(content, {
      filter: (file) => {
        sizes.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch (err) {
    throw new PlanImportError(
      'kmz',
      '(archive)',
      undefined,
      `unreadable ZIP: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const entry = chooseEntry([...sizes.keys()]);
  if (!entry)
    throw new PlanImportError(
      'kmz',
      'doc.kml',
      undefined,
      `the archive holds no .kml file (entries: ${[...sizes.keys()].join(', ') || 'none'})`,
    );
  const size = sizes.get(entry) ?? 0;
  if (size > opts.maxUncompressedBytes)
    throw new PlanImportError(
      'kmz',
      entry,
      undefined,
      `inflates to ${size} bytes, over the ${opts.maxUncompressedBytes} byte limit`,
    );
  let bytes: Uint8Array | undefined;
  try {
    bytes = unzipSync(content, { filter: (file) => file.name === entry })[entry];
  } catch (err) {
    throw new PlanImportError(
      'kmz',
      entry,
      undefined,
      `cannot inflate: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!bytes) throw new PlanImportError('kmz', entry, undefined, 'entry could not be read');
  const imported = importKmlText(decodeText(bytes), opts, 'kmz');
  if (entry !== 'doc.kml') imported.warnings.unshift(`read ${entry} from the KMZ (no doc.kml)`);
  return imported;
}
