import { createPrng } from '../../rules/src/sim/prng.js';
import { computeOvn, type OperationalIntent } from '../../rules/src/traffic/intent.js';
import { type LatLngPoint, timeOf, type Volume4D } from '../../rules/src/traffic/volume.js';

/** Hong Kong's box (lon, lat), over land and water alike. */
const BOX = { west: 113.85, east: 114.35, south: 22.18, north: 22.52 };
const DAY_START = Date.parse('2026-03-16T07:00:00+08:00');
const M_PER_DEG = 111_320;

export interface RandomTraffic {
  next(): OperationalIntent;
  area(): Volume4D;
}

/**
 * Seeded random intents: 1–4 connected legs of 0.3–4 km (sometimes a hovering circle), half-widths 20–80 m,
 * 20–60 m altitude bands between 20 and 200 m AMSL, windows of 2–12 min over a 12-hour day, priorities
 * mostly standard. Dense enough that a good share of submissions conflict.
 */
export function randomTraffic(seed: number, hours = 12): RandomTraffic {
  const rnd = createPrng(seed);
  const between = (a: number, b: number) => a + (b - a) * rnd.next();
  let n = 0;
  const point = (): LatLngPoint => ({ lng: between(BOX.west, BOX.east), lat: between(BOX.south, BOX.north) });
  const alt = (value: number) => ({ value, reference: 'AMSL' as const, units: 'M' as const });
  const altitudes = () => {
    const lo = Math.round(between(20, 160));
    return { altitude_lower: alt(lo), altitude_upper: alt(lo + Math.round(between(20, 60))) };
  };
  const next = (): OperationalIntent => {
    const id = `op-${seed}-${n++}`;
    let t = DAY_START + Math.floor(between(0, hours * 3600)) * 1000;
    let at = point();
    const volumes: Volume4D[] = [];
    const legs = 1 + Math.floor(rnd.next() * 4);
    for (let i = 0; i < legs; i++) {
      const dur = Math.round(between(120, 720)) * 1000;
      const r = Math.round(between(20, 80));
      let volume: Volume4D['volume'];
      if (rnd.next() < 0.15) {
        volume = { outline_circle: { center: at, radius: { value: r * 2, units: 'M' } }, ...altitudes() };
      } else {
        const len = between(300, 4000);
        const heading = between(0, 2 * Math.PI);
        const to = {
          lng: at.lng + (len * Math.sin(heading)) / (M_PER_DEG * Math.cos((at.lat * Math.PI) / 180)),
          lat: at.lat + (len * Math.cos(heading)) / M_PER_DEG,
        };
        volume = {
          outline_polygon: { vertices: [at, to, at] },
          outline_corridor: { start: at, end: to, half_width: { value: r, units: 'M' } },
          ...altitudes(),
        };
        at = to;
      }
      volumes.push({ volume, time_start: timeOf(t), time_end: timeOf(t + dur) });
      t += dur - 30_000; // consecutive legs overlap by 30 s
    }
    const u = rnd.next();
    const priority = u < 0.05 ? 100 : u < 0.2 ? 50 : 0;
    return {
      reference: {
        id,
        manager: 'uss.random',
        operator: `operator-${Math.floor(rnd.next() * 20)}`,
        state: 'Accepted',
        version: 1,
        ovn: computeOvn(id, 1, 'Accepted', volumes),
        time_start: volumes[0].time_start,
        time_end: volumes[volumes.length - 1].time_end,
      },
      details: {
        volumes,
        off_nominal_volumes: [],
        priority,
        priority_class: priority === 100 ? 'emergency' : priority === 50 ? 'medical-delivery' : 'standard',
      },
    };
  };
  const area = (): Volume4D => {
    const c = point();
    const t = DAY_START + Math.floor(between(0, hours * 3600)) * 1000;
    const span = between(0.01, 0.05);
    const volume =
      rnd.next() < 0.5
        ? { outline_circle: { center: c, radius: { value: Math.round(between(200, 3000)), units: 'M' as const } } }
        : {
            outline_polygon: {
              vertices: [c, { lng: c.lng + span, lat: c.lat }, { lng: c.lng + span / 2, lat: c.lat + span }],
            },
          };
    return { volume: { ...volume, ...altitudes() }, time_start: timeOf(t), time_end: timeOf(t + 1800_000) };
  };
  return { next, area };
}
