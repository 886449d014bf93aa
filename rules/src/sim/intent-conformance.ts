import {
  type ConformanceTrack,
  conformanceFinding,
  conformanceKey,
  conformanceStep,
  containment,
  type LivePosition,
} from '../traffic/conformance.js';
import type { IntentState, OperationalIntent } from '../traffic/intent.js';
import type { TrafficParams } from '../traffic/params.js';
import type { MonitorEvent, OpenFinding } from './monitor-types.js';

/** An aircraft flying an operational intent, as a conformance monitor follows it. */
export interface IntentFollower {
  track: ConformanceTrack;
  /** the open conformance finding, if any */
  open: OpenFinding | null;
}

/**
 * One airborne sample of an aircraft flying `intent` (simulated or telemetry, in a scenario or a live session): its
 * conformance track steps (F3548 grace before Nonconforming → Contingent), and its conformance finding opens, is
 * replaced as the state changes, or closes, as events into `out`. Returns the state transitions the step made.
 */
export function followIntent(
  f: IntentFollower,
  intent: OperationalIntent,
  aircraftId: string,
  p: LivePosition,
  params: TrafficParams,
  out: MonitorEvent[],
): IntentState[] {
  const step = conformanceStep(f.track, containment(intent, p, params).inside, p.tMs, params.conformance.graceS);
  f.track = step.track;
  const finding = conformanceFinding(intent, f.track, p, params);
  const key = conformanceKey(intent.reference.id, f.track.state);
  if (f.open && (!finding || f.open.key !== key)) {
    out.push({ type: 'closed', aircraftId, key: f.open.key, reason: 'cleared', tMs: p.tMs });
    f.open = null;
  }
  if (finding && !f.open) {
    f.open = { aircraftId, key, finding, openedAtMs: p.tMs };
    out.push({ type: 'opened', aircraftId, key, finding, tMs: p.tMs });
  }
  return step.transitions;
}
