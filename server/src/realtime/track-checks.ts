import { assumption } from '@sua-sandbox/rules/engine';
import type { Assumption, Permission } from '@sua-sandbox/rules/model';
import type { ApiIssue, TelemetrySample } from '@sua-sandbox/rules/protocol';
import { limitError, type RealtimeBudgets } from './budgets.js';
import { type TelemetryTracks, trackId } from './tracks.js';

/**
 * Issues for declared permission ids the session does not know, or the sender may not declare (the same words:
 * another organisation's permission does not exist for it). Paths from the sample's index in the batch.
 */
export function unknownPermissions(
  samples: readonly TelemetrySample[],
  known: readonly Permission[],
  mayDeclare: (permissionId: string) => boolean = () => true,
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  samples.forEach((s, i) => {
    s.profile?.permissions.forEach((id, k) => {
      if (!mayDeclare(id) || !known.some((p) => p.id === id))
        issues.push({ path: [i, 'profile', 'permissions', k], message: `unknown permission "${id}"` });
    });
  });
  return issues;
}

/**
 * Issues for samples about an aircraft another source is feeding: a source moves and declares only its own
 * aircraft (issue 12). The id is free again once that source's track expires.
 */
export function foreignTracks(
  tracks: TelemetryTracks,
  samples: readonly TelemetrySample[],
  source: string,
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  samples.forEach((s, i) => {
    const owner = tracks.sourceOf(trackId(s.aircraftId));
    if (owner !== undefined && owner !== source)
      issues.push({ path: [i, 'aircraftId'], message: `aircraft "${s.aircraftId}" is reported by another source` });
  });
  return issues;
}

/** Refuse a batch that would start more tracks than the source, or the session, may have (nothing is taken). */
export function checkTrackBudget(
  tracks: TelemetryTracks,
  samples: readonly TelemetrySample[],
  source: string,
  budgets: Pick<RealtimeBudgets, 'tracksPerSource' | 'aircraftPerSession'>,
  sessionId: string,
): void {
  const fresh = new Set<string>();
  for (const s of samples) if (!tracks.has(trackId(s.aircraftId))) fresh.add(s.aircraftId);
  if (fresh.size === 0) return;
  const mine = tracks.countOf(source) + fresh.size;
  if (mine > budgets.tracksPerSource)
    throw limitError(
      'tracksPerSource',
      budgets.tracksPerSource,
      mine,
      `telemetry from ${source} would feed ${mine} aircraft`,
    );
  const all = tracks.size + fresh.size;
  if (all > budgets.aircraftPerSession)
    throw limitError(
      'aircraftPerSession',
      budgets.aircraftPerSession,
      all,
      `session "${sessionId}" would hold ${all} telemetry aircraft`,
    );
}

/** How a batch's altitudes were read, for the sender (the report assumptions' telemetry counterpart). */
export function telemetryAssumptions(samples: readonly TelemetrySample[], model: string): Assumption[] {
  const agl = samples.filter((s) => s.altRef === 'AGL').length;
  const out: Assumption[] = [];
  if (agl > 0) out.push(assumption('assumption.telemetry-agl', { count: agl, model }));
  if (samples.length > agl) out.push(assumption('assumption.telemetry-amsl', { count: samples.length - agl, model }));
  return out;
}
