import { decodeText } from './common.js';
import { PlanImportError } from './errors.js';
import { importKmlText } from './kml.js';
import { type ImportEnvironment, type ImportedRoute, importLimit, type ResolvedImportOptions } from './types.js';
import { inflateEntry, listZipEntries, type ZipEntry, ZipLimitError } from './zip.js';

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

/** A KMZ whose chosen entry inflates past the byte limit: inflation stopped there. */
export class ImportLimitError extends PlanImportError {
  readonly limitName = 'maxUncompressedBytes';
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super('kmz', entry, undefined, `inflates past the ${limit} byte limit (maxUncompressedBytes)`);
  }
}

const unreadable = (item: string, err: unknown) =>
  new PlanImportError('kmz', item, undefined, `unreadable ZIP: ${err instanceof Error ? err.message : String(err)}`);

/**
 * KMZ: a zip holding the KML; only the chosen entry is inflated, step by step, and inflation stops as soon
 * as it passes maxUncompressedBytes (ImportLimitError), whatever size the archive declares.
 */
export function importKmz(
  content: string | Uint8Array,
  opts: ResolvedImportOptions,
  env: ImportEnvironment = {},
): ImportedRoute {
  if (typeof content === 'string')
    throw new PlanImportError('kmz', '(document)', undefined, 'KMZ content must be given as bytes, not text');
  if (!isZip(content)) throw new PlanImportError('kmz', '(archive)', undefined, 'not a ZIP archive');
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(content);
  } catch (err) {
    throw unreadable('(archive)', err);
  }
  const name = chooseEntry(entries.map((e) => e.name));
  const entry = entries.find((e) => e.name === name);
  if (!entry)
    throw new PlanImportError(
      'kmz',
      'doc.kml',
      undefined,
      `the archive holds no .kml file (entries: ${entries.map((e) => e.name).join(', ') || 'none'})`,
    );
  const limit = importLimit(opts, 'maxUncompressedBytes');
  let bytes: Uint8Array;
  try {
    bytes = inflateEntry(content, entry, limit);
  } catch (err) {
    if (err instanceof ZipLimitError) throw new ImportLimitError(entry.name, limit);
    throw unreadable(entry.name, err);
  }
  const imported = importKmlText(decodeText(bytes), opts, 'kmz', env);
  if (entry.name !== 'doc.kml') imported.warnings.unshift(`read ${entry.name} from the KMZ (no doc.kml)`);
  return imported;
}
