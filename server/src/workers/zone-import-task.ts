import { type FeatureRef, importZones, ZoneFormatError } from '@sua-sandbox/rules/formats';

export interface ZoneImportTaskInput {
  /** the parsed zone file (GeoJSON, ED-269, ED-318, CAD Drone Map) */
  input: unknown;
  format: Parameters<typeof importZones>[1];
  simplify?: number;
}

/** A ZoneFormatError as plain data: error classes do not survive the trip back from a worker thread. */
export interface ZoneImportProblem {
  feature: FeatureRef | null;
  field: string;
  reason: string;
}

export type ZoneImportTaskOutput =
  | { ok: true; result: ReturnType<typeof importZones> }
  | { ok: false; problem: ZoneImportProblem };

/**
 * Reads and validates a zone file (geometry checks are the costly part: an 80,000-vertex polygon takes
 * hundreds of milliseconds), so it runs in the pool, off the event loop. Pure.
 */
export function zoneImportTask(t: ZoneImportTaskInput): ZoneImportTaskOutput {
  try {
    const result = importZones(t.input, t.format, t.simplify === undefined ? {} : { simplify: t.simplify });
    return { ok: true, result };
  } catch (err) {
    if (!(err instanceof ZoneFormatError)) throw err;
    return { ok: false, problem: { feature: err.feature, field: err.field, reason: err.reason } };
  }
}

/** Back to the error the services map to a 400 (same message and fields as when thrown in-process). */
export function zoneFormatErrorOf(p: ZoneImportProblem): ZoneFormatError {
  return new ZoneFormatError(p.feature, p.field, p.reason);
}
