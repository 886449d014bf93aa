import type { MessageKey } from '../i18n/en.js';

/** A traffic finding as the server sends it (rules/src/api/traffic.ts `TrafficFinding`). */
export interface TrafficFindingLike {
  code: string;
  severity: 'error' | 'warning';
  params: Record<string, string | number | boolean | null>;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const WORDS: Readonly<Record<string, MessageKey>> = {
  'traffic.route.outside': 'traffic.f.outside',
  'traffic.route.closed': 'traffic.f.closed',
  'traffic.route.direction-not-allowed': 'traffic.f.directionNotAllowed',
  'traffic.route.off-layer': 'traffic.f.offLayer',
  'traffic.route.wrong-direction-layer': 'traffic.f.wrongDirectionLayer',
  'traffic.route.altitude-reference': 'traffic.f.altitudeReference',
  'traffic.deconfliction.lower-priority-conflict': 'traffic.f.lowerPriorityConflict',
  'traffic.deconfliction.conflict': 'traffic.f.conflict',
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * A traffic finding in words: what is wrong, how much and where it starts ("Off the route's corridor: 12 sampled
 * points more than the half-width of 150 m from its centre line, up to 420 m; first on leg 2 at …"). Legs are
 * numbered from 1; positions to 5 decimals. A code with no words here is shown as the code (never dropped).
 */
export function trafficFindingText(f: TrafficFindingLike, t: Translate): string {
  const key = WORDS[f.code];
  if (!key) return f.code;
  const p = f.params;
  const leg = num(p.firstLeg);
  const lon = num(p.firstLon);
  const lat = num(p.firstLat);
  const where =
    leg !== undefined && lon !== undefined && lat !== undefined
      ? t('traffic.f.where', { leg: leg + 1, position: `${lat.toFixed(5)}N ${lon.toFixed(5)}E` })
      : '';
  const direction = p.direction === 'reverse' ? t('traffic.reverse') : t('traffic.forward');
  const words = t(key, {
    samples: num(p.samples) ?? 0,
    worst: num(p.worst) ?? 0,
    limit: num(p.limit) ?? 0,
    lower: num(p.layerLowerM) ?? '—',
    upper: num(p.layerUpperM) ?? '—',
    direction,
    planRef: String(p.planRef ?? ''),
    routeRef: String(p.routeRef ?? ''),
    operator: String(p.operator ?? ''),
  });
  return where ? `${words} ${where}` : words;
}
