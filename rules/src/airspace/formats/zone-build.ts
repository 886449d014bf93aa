import { Zone } from '../../model/zone.js';
import { joinPath, type ReadContext, ZoneFormatError } from './errors.js';

/** Validates a zone built by an importer; a failure names the model field (`zone.lower.value`). */
export function finishZone(candidate: Record<string, unknown>, ctx: ReadContext): Zone {
  const parsed = Zone.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ZoneFormatError(ctx.feature, joinPath('zone', issue.path), issue.message);
}

/** Options every importer accepts. */
export interface ImportOptions {
  /** Provenance source for imported zones (default: derived from the file). */
  source?: string;
  /** Provenance accuracy for imported zones (default "user"). */
  accuracy?: Zone['provenance']['accuracy'];
  /**
   * Simplify every polygon (Douglas–Peucker, @turf/simplify) with this tolerance in metres, so a polygon
   * over the vertex limit can be imported (at most MAX_SIMPLIFY_TOLERANCE_M; default: no simplification).
   */
  simplify?: number;
}

/** Largest simplification tolerance accepted: more would move zone boundaries by more than a kilometre. */
export const MAX_SIMPLIFY_TOLERANCE_M = 1000;

/** The read context an importer starts with; a bad `simplify` option fails naming `options.simplify`. */
export function startContext(opts: ImportOptions): ReadContext {
  const t = opts.simplify;
  if (t !== undefined && !(Number.isFinite(t) && t > 0 && t <= MAX_SIMPLIFY_TOLERANCE_M))
    throw new ZoneFormatError(
      null,
      'options.simplify',
      `simplify must be a tolerance in metres, more than 0 and at most ${MAX_SIMPLIFY_TOLERANCE_M}; got ${t}`,
    );
  return { feature: null, warnings: [], ...(t !== undefined ? { simplifyM: t } : {}) };
}
