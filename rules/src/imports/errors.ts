import type { ImportFormat } from './types.js';

/** Joins an item and a field into one locator: `mission.items[3].params[6]`, `Placemark 'WP3' altitude`. */
export function locate(item: string, field?: string): string {
  if (!field) return item;
  return /[\w\]]$/.test(item) ? `${item}.${field}` : `${item} ${field}`;
}

/**
 * The one error every importer throws for content it cannot turn into a route.
 * `item` names the element in the file (`mission.items[4]`, `Placemark 'WP3'`, `trk[0].trkseg[0].trkpt[12]`),
 * `field` the member of it that is wrong or missing.
 */
export class PlanImportError extends Error {
  override readonly name = 'PlanImportError';
  readonly format: ImportFormat;
  readonly item: string;
  readonly field: string | undefined;
  readonly problem: string;

  constructor(format: ImportFormat, item: string, field: string | undefined, problem: string) {
    super(`${format}: ${locate(item, field)}: ${problem}`);
    this.format = format;
    this.item = item;
    this.field = field;
    this.problem = problem;
  }
}
