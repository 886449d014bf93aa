import type { z } from 'zod';

/** Which feature of a file a problem is in: its position and, when the file gives one, its id. */
export interface FeatureRef {
  index: number;
  id?: string;
}

/** Describes a feature for messages: `feature 3 (VHR12): `, or nothing for file-level problems. */
export function describeFeature(feature: FeatureRef | null): string {
  if (!feature) return '';
  return `feature ${feature.index}${feature.id ? ` (${feature.id})` : ''}: `;
}

/**
 * A zone file that cannot be read. `feature` is null for file-level problems; `field` is the path inside
 * the feature (or the file), e.g. `geometry.extent.radius` or `metadata.validFrom`.
 */
export class ZoneFormatError extends Error {
  override readonly name = 'ZoneFormatError';
  constructor(
    readonly feature: FeatureRef | null,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${describeFeature(feature)}${field || '(root)'}: ${reason}`);
  }
}

/** Appends a zod-style path to a dotted base: `geometry` + [`coordinates`, 0, 2] → `geometry.coordinates[0][2]`. */
export function joinPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Where the reader is: the feature being read and the warnings collected so far. */
export interface ReadContext {
  feature: FeatureRef | null;
  warnings: string[];
  /** simplify polygons with this tolerance in metres (import option `simplify`) */
  simplifyM?: number;
}

export function warn(ctx: ReadContext, message: string): void {
  ctx.warnings.push(`${describeFeature(ctx.feature)}${message}`);
}

export function fail(ctx: ReadContext, field: string, reason: string): never {
  throw new ZoneFormatError(ctx.feature, field, reason);
}

/** Parses `value` with a zod schema; the first issue becomes a ZoneFormatError naming its field under `base`. */
export function parseAt<S extends z.ZodType>(schema: S, value: unknown, ctx: ReadContext, base: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const more = rest
    .slice(0, 3)
    .map((i) => `${joinPath(base, i.path)}: ${i.message}`)
    .join('; ');
  const suffix = rest.length > 0 ? ` (also ${more}${rest.length > 3 ? '; …' : ''})` : '';
  throw new ZoneFormatError(ctx.feature, joinPath(base, first.path), `${first.message}${suffix}`);
}

/** Options every exporter accepts. */
export interface ExportWarnings {
  /** Called for every detail the target format cannot hold (the export still succeeds). */
  onWarning?: (message: string) => void;
}
