import type { LiveMargin, LiveViolation } from '../../engine/index.js';
import type { ConformanceTrack } from '../monitor-checks.js';
import {
  copyConformanceTrack,
  copyLiveMargin,
  copyOpenFinding,
  copySample,
  NONE,
  type Watched,
} from '../monitor-state.js';
import type { MonitorSample, OpenFinding } from '../monitor-types.js';

/**
 * Everything a monitor remembers of one aircraft between ticks except what it derives from the aircraft's
 * profile (evaluator, plan-level findings): what another monitor needs to carry on exactly as this one would.
 * Plain data, so it crosses a thread boundary by structured clone. Violations are worded here (their findings are
 * otherwise worded only when read); the words are the same either way.
 */
export interface WatchedSnapshot {
  id: string;
  open: OpenFinding[];
  zones: string[];
  last: MonitorSample | null;
  conformance: ConformanceTrack;
  checked: {
    violations: LiveViolation[];
    at: MonitorSample;
    aglM: number;
    zones: string[];
    epoch: number;
    margin: LiveMargin;
  } | null;
  pending: number;
  flags: number;
  synced: boolean;
  offPlanKey: string | null;
  separationKeys: string[];
}

export function snapshotOf(w: Watched): WatchedSnapshot {
  const c = w.checked;
  return {
    id: w.info.id,
    open: [...w.open.values()].map((o) => ({ ...o })),
    zones: [...w.zones],
    last: w.last ? copySample(w.last) : null,
    conformance: { ...w.conformance },
    checked: c
      ? {
          violations: c.violations.map((v) => ({ key: v.key, finding: v.finding })),
          at: copySample(c.at),
          aglM: c.aglM,
          zones: [...c.zones],
          epoch: c.epoch,
          margin: { ...c.margin },
        }
      : null,
    pending: w.pending,
    flags: w.flags,
    synced: w.synced,
    offPlanKey: w.offPlanKey,
    separationKeys: [...w.separationKeys],
  };
}

/** Put a snapshot's state into this monitor's record of the same aircraft (in place: tick buffers point at it). */
export function restoreInto(w: Watched, s: WatchedSnapshot): void {
  const ids = (zones: string[]): readonly string[] => (zones.length === 0 ? NONE : zones);
  // rebuilt by the monitor's own constructors, not spread from the clone: see newLiveMargin
  w.open = new Map(s.open.map((o) => [o.key, copyOpenFinding(o)]));
  w.zones = ids(s.zones);
  w.last = s.last ? copySample(s.last) : null;
  w.conformance = copyConformanceTrack(s.conformance);
  const c = s.checked;
  w.checked = c
    ? {
        violations: c.violations.map((v) => ({ key: v.key, finding: v.finding })),
        at: copySample(c.at),
        aglM: c.aglM,
        zones: ids(c.zones),
        epoch: c.epoch,
        margin: copyLiveMargin(c.margin),
      }
    : null;
  w.pending = s.pending;
  w.flags = s.flags;
  w.synced = s.synced;
  w.offPlanKey = s.offPlanKey;
  w.separationKeys = ids(s.separationKeys);
}
