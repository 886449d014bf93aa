import type { AircraftInfo, ClockState, LiveFinding, RulebookRef, SessionInfo } from '@sua-sandbox/rules/protocol';
import {
  type MonitorEvent,
  type OpenFinding,
  routePoints,
  type ScenarioRun,
  type SimClock,
  type WorldEvent,
} from '@sua-sandbox/rules/sim';
import type { LoggedEvent } from './event-log.js';
import type { SessionConfig } from './session-types.js';

/** The common part of every event: session, seq, the tick that will carry it, simulated time. */
export interface EventHeader {
  sessionId: string;
  seq: number;
  tick: number;
  simTimeMs: number;
}

export function clockState(run: ScenarioRun, clk: SimClock): ClockState {
  return {
    playing: clk.playing,
    speed: clk.speed,
    simTimeMs: run.simTimeMs,
    elapsedMs: run.sim.elapsedMs,
    stepMs: run.sim.stepMs,
    durationMs: run.compiled.durationMs,
  };
}

export function sessionInfo(cfg: SessionConfig, rulebook: RulebookRef, clock: ClockState): SessionInfo {
  return {
    id: cfg.id,
    title: cfg.title,
    scenarioId: cfg.scenario.id === 'plans' ? null : cfg.scenario.id,
    seed: cfg.scenario.seed,
    start: cfg.scenario.start,
    rulebook,
    clock,
  };
}

/** Static facts about the simulated aircraft of a run, for snapshots. */
export function simAircraftInfo(run: ScenarioRun): AircraftInfo[] {
  return run.sim.aircraft.map((a): AircraftInfo => {
    const f = a.flight;
    return {
      id: f.id,
      flightId: f.id,
      label: f.label,
      ...(f.labelZh ? { labelZh: f.labelZh } : {}),
      ...(f.modelZh ? { modelZh: f.modelZh } : {}),
      source: 'sim',
      category: run.monitor.evaluatorOf(f.id)?.category,
      model: f.plan.aircraft.model,
      pilot: f.plan.operation.pilotPosition,
      plannedRoute: routePoints(f.declared).map((p) => [p[0], p[1], Math.round(p[2] * 10) / 10]),
      permissions: f.permissions.map((p) => p.id),
    };
  });
}

export function liveFindings(open: readonly OpenFinding[], more: readonly OpenFinding[] = []): LiveFinding[] {
  return open.concat(more).map((f) => ({
    id: `${f.aircraftId}|${f.key}`,
    aircraftId: f.aircraftId,
    flightId: f.aircraftId,
    key: f.key,
    openedAtMs: f.openedAtMs,
    finding: f.finding,
  }));
}

/** A monitor event as the protocol event it is sent as. */
export function fromMonitorEvent(e: MonitorEvent, header: EventHeader): LoggedEvent {
  const id = e.type === 'opened' || e.type === 'closed' ? `${e.aircraftId}|${e.key}` : '';
  switch (e.type) {
    case 'opened':
      return {
        event: 'finding:opened',
        payload: {
          ...header,
          id,
          aircraftId: e.aircraftId,
          flightId: e.aircraftId,
          key: e.key,
          openedAtMs: e.tMs,
          finding: e.finding,
        },
      };
    case 'closed':
      return {
        event: 'finding:closed',
        payload: { ...header, id, aircraftId: e.aircraftId, key: e.key, reason: e.reason },
      };
    default:
      return {
        event: 'zone:changed',
        payload: { ...header, change: e.type, zoneId: e.zoneId, aircraftId: e.aircraftId },
      };
  }
}

/** Scenario zones appearing or disappearing; other world events (take-off, lost link) are not sent. */
export function fromWorldEvent(e: WorldEvent, header: () => EventHeader): LoggedEvent | null {
  if (e.type === 'zone-added')
    return { event: 'zone:changed', payload: { ...header(), change: 'added', zoneId: e.zone.id, zone: e.zone } };
  if (e.type === 'zone-removed')
    return { event: 'zone:changed', payload: { ...header(), change: 'removed', zoneId: e.zoneId } };
  return null;
}
