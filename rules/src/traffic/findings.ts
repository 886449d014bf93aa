import type { Provision } from '../model/citation.js';
import type { SubmitResult } from './overlap.js';

/**
 * A traffic-management finding. Not a Cap. 448G finding: every one cites the sandbox source in
 * `params.provision` and is marked `trialParameter: true` (a Sandbox X trial rule, not law).
 */
export interface TrafficFinding {
  ruleId: string;
  code: string;
  severity: 'error' | 'warning';
  trialParameter: true;
  provision: Provision;
  params: Record<string, string | number | boolean | null>;
}

export function trafficFinding(
  provision: Provision,
  ruleId: string,
  code: string,
  severity: TrafficFinding['severity'],
  params: TrafficFinding['params'],
): TrafficFinding {
  return { ruleId, code, severity, trialParameter: true, provision, params };
}

/** One finding per conflict: an error when it blocks the submission, a warning when the other yields. */
export function conflictFindings(result: SubmitResult, provision: Provision): TrafficFinding[] {
  return result.conflicts.map((c) =>
    trafficFinding(
      provision,
      'traffic.deconfliction',
      c.blocking ? 'traffic.deconfliction.conflict' : 'traffic.deconfliction.lower-priority-conflict',
      c.blocking ? 'error' : 'warning',
      {
        intentId: c.intentId,
        operator: c.operator,
        priority: c.priority,
        from: c.overlap.time_start.value,
        to: c.overlap.time_end.value,
        volumePairs: c.volumes.length,
        earliestShiftS: result.earliestShiftS,
      },
    ),
  );
}
