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
}
