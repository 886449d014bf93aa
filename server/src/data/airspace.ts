import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseZoneCatalogue } from '@sua-sandbox/rules/formats';
import type { Zone } from '@sua-sandbox/rules/model';

/** The built-in Hong Kong zone catalogue shipped with the product. */
export const CATALOGUE_PATH = fileURLToPath(new URL('../../../rules/data/zones/hk-catalogue.json', import.meta.url));

/**
 * Reads and validates a zone catalogue file (default: the built-in HK catalogue).
 * Throws `CatalogueError` whose message names the zone index, id and field of every problem,
 * or an Error naming the file when it is not JSON.
 */
export function loadCatalogue(path: string = CATALOGUE_PATH): { version: string; zones: Zone[] } {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`zone catalogue ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const { version, zones } = parseZoneCatalogue(json);
  return { version, zones };
}
