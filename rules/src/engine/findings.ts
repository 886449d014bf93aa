import { formatInstant } from '../kinds/local-time.js';
import type { Hit } from '../kinds/types.js';
import { renderBoth } from '../messages/index.js';
import type { Finding, LonLatAlt, Quantity } from '../model/index.js';
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

interface Run {
  first: Tagged;
  firstSample: number;
  lastSample: number;
  measured?: Quantity;
  limit?: Quantity;
}

/**
 * Turn per-sample hits into findings: consecutive violating samples of the same rule and zone on one leg
 * (with the same permission cover) become one finding at the first violating point, carrying the worst
 * measured value.
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
    for (const t of hits) {
      const key = `${t.source.ruleId}|${t.hit.zoneId ?? ''}|${t.hit.msg.code}|${t.covered ?? ''}`;
      const run = open.get(key);
      if (run && run.lastSample === i - 1 && samples[run.lastSample].leg === samples[i].leg) {
        run.lastSample = i;
        const m = worse(run.measured, t.hit.measured, t.hit.worse);
        if (m !== run.measured) {
          run.measured = m;
          run.limit = t.hit.limit;
        }
        continue;
      }
      if (run) done.push(run);
      open.set(key, { first: t, firstSample: i, lastSample: i, measured: t.hit.measured, limit: t.hit.limit });
    }
  });
  done.push(...open.values());
  return done
    .map((run) => {
      const s = samples[run.firstSample];
      const t: Tagged = { ...run.first, hit: { ...run.first.hit, measured: run.measured, limit: run.limit } };
      const where: Finding['where'] = {
        leg: s.leg,
        position: positionOf(s),
        time: formatInstant(s.tMs, utcOffsetMin),
        ...groundOf(s),
      };
      return {
        finding: makeFinding(t, rulebookVersion, where),
        order: run.first.source.order,
        sample: run.firstSample,
      };
    })
    .sort((a, b) => a.order - b.order || a.sample - b.sample);
}
