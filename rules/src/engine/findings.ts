import { formatInstant } from '../kinds/local-time.js';
import type { Hit } from '../kinds/types.js';
import { quantityParam, renderBoth, worded } from '../messages/index.js';
import {
  type Finding,
  type LegDetail,
  type LonLatAlt,
  MAX_LEG_DETAIL,
  type Quantity,
  type Where,
} from '../model/index.js';
import type { Tagged } from './check.js';
import { msgParams } from './messages.js';

export interface SamplePosition {
  leg: number;
  lon: number;
  lat: number;
  altAmslM: number;
  /** Height above the ground model: with the altitude, gives the ground height shown beside it. */
  aglM?: number;
  tMs: number;
}

/** Same rule, same effect and limit: a finding that still holds after a rulebook swap stays open. */
export function sameRule(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.effect === b.effect &&
    a.limit?.value === b.limit?.value &&
    a.limit?.unit === b.limit?.unit &&
    a.covered?.permissionId === b.covered?.permissionId
  );
}

export function makeFinding(t: Tagged, rulebookVersion: string, where?: Finding['where']): Finding {
  const { hit, source } = t;
  const params = msgParams(hit.msg, hit.measured, hit.limit);
  return {
    ruleId: source.ruleId,
    kind: source.kind,
    provision: source.provision,
    rulebookVersion,
    effect: hit.effect,
    trigger: hit.trigger,
    covered: t.covered ? { permissionId: t.covered } : undefined,
    code: hit.msg.code,
    params,
    message: renderBoth(hit.msg.code, params),
    measured: hit.measured,
    limit: hit.limit,
    where,
    zoneId: hit.zoneId,
  };
}

function positionOf(s: SamplePosition): LonLatAlt {
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return [r6(s.lon), r6(s.lat), Math.round(s.altAmslM * 100) / 100];
}

function groundOf(s: SamplePosition): { groundM?: number } {
  return s.aglM === undefined ? {} : { groundM: Math.round((s.altAmslM - s.aglM) * 10) / 10 };
}

function worse(a: Quantity | undefined, b: Quantity | undefined, how: Hit['worse']): Quantity | undefined {
  if (!a || !b || !how) return a ?? b;
  return (how === 'max' ? b.value > a.value : b.value < a.value) ? b : a;
}

interface LegEntry {
  leg: number;
  sample: number;
  measured?: Quantity;
}

interface Run {
  first: Tagged;
  firstSample: number;
  lastSample: number;
  measured?: Quantity;
  limit?: Quantity;
  /** The first sample where the measured value is the run's worst. */
  worstSample: number;
  /** One entry per leg of the run (at most MAX_LEG_DETAIL), with that leg's worst measured value. */
  legs: LegEntry[];
}

function openRun(t: Tagged, i: number, leg: number): Run {
  const m = t.hit.measured;
  return {
    first: t,
    firstSample: i,
    lastSample: i,
    measured: m,
    limit: t.hit.limit,
    worstSample: i,
    legs: [{ leg, sample: i, measured: m }],
  };
}

function extendRun(run: Run, t: Tagged, i: number, leg: number): void {
  run.lastSample = i;
  const m = worse(run.measured, t.hit.measured, t.hit.worse);
  if (m !== run.measured) {
    run.measured = m;
    run.limit = t.hit.limit;
    run.worstSample = i;
  }
  const entry = run.legs[run.legs.length - 1];
  if (entry.leg === leg) entry.measured = worse(entry.measured, t.hit.measured, t.hit.worse);
  else if (run.legs.length < MAX_LEG_DETAIL) run.legs.push({ leg, sample: i, measured: t.hit.measured });
}

/** The run's legs and worst value as data + wording, for a run over two or more legs. */
/** A leg as people count them in words (1-based); `where.leg` and `legs` in the data stay 0-based indices. */
export const legNumber = (leg: number): number => leg + 1;

/** Leg indices are 0-based; the words number them from 1, as the client and the exports do. */
export function runText(first: number, last: number, measured: Quantity | undefined, worstLeg: number): Finding['run'] {
  const span = { from: legNumber(first), to: legNumber(last) };
  if (!measured) return worded('legs.range', span);
  const legs = renderBoth('legs.range', span);
  return worded('finding.run', { legs, worst: quantityParam(measured), worstLeg: legNumber(worstLeg) });
}

function findingOfRun(
  run: Run,
  samples: readonly SamplePosition[],
  rulebookVersion: string,
  utcOffsetMin: number,
): Finding {
  const s = samples[run.firstSample];
  const lastLeg = samples[run.lastSample].leg;
  const worstAt = samples[run.worstSample];
  const t: Tagged = { ...run.first, hit: { ...run.first.hit, measured: run.measured, limit: run.limit } };
  const where: Where = {
    leg: s.leg,
    position: positionOf(s),
    time: formatInstant(s.tMs, utcOffsetMin),
    ...groundOf(s),
    legs: { first: s.leg, last: lastLeg },
  };
  if (run.worstSample !== run.firstSample)
    where.worst = { leg: worstAt.leg, position: positionOf(worstAt), ...groundOf(worstAt) };
  const f = makeFinding(t, rulebookVersion, where);
  if (lastLeg === s.leg) return f;
  f.run = runText(s.leg, lastLeg, run.measured, worstAt.leg);
  f.perLeg = run.legs.map(
    (e): LegDetail => ({
      leg: e.leg,
      position: positionOf(samples[e.sample]),
      time: formatInstant(samples[e.sample].tMs, utcOffsetMin),
      ...(e.measured && { measured: e.measured }),
    }),
  );
  return f;
}

/**
 * Turn per-sample hits into findings: consecutive violating samples of the same rule and zone (with the same
 * message and permission cover) become one finding, whatever legs they lie on, so a long track with one problem
 * gives one finding. It is placed at the first violating point and carries the worst measured value and where
 * it is, the run of legs (where.legs) and, for a run over two or more legs, its wording (run) and per-leg
 * detail (perLeg: each leg's first violating point and worst value, for at most MAX_LEG_DETAIL legs).
 */
export function mergeSampleHits(
  perSample: readonly Tagged[][],
  samples: readonly SamplePosition[],
  rulebookVersion: string,
  utcOffsetMin: number,
): { finding: Finding; order: number; sample: number }[] {
  const open = new Map<string, Run>();
  const done: Run[] = [];
  perSample.forEach((hits, i) => {
    const leg = samples[i].leg;
    for (const t of hits) {
      const key = `${t.source.ruleId}|${t.hit.zoneId ?? ''}|${t.hit.msg.code}|${t.covered ?? ''}`;
      const run = open.get(key);
      if (run && run.lastSample === i - 1) {
        extendRun(run, t, i, leg);
        continue;
      }
      if (run) done.push(run);
      open.set(key, openRun(t, i, leg));
    }
  });
  done.push(...open.values());
  return done
    .map((run) => ({
      finding: findingOfRun(run, samples, rulebookVersion, utcOffsetMin),
      order: run.first.source.order,
      sample: run.firstSample,
    }))
    .sort((a, b) => a.order - b.order || a.sample - b.sample);
}
