import type { FlightPlan } from '@sua-sandbox/rules/model';
import type { OperationalIntent } from '@sua-sandbox/rules/traffic';
import { centroid, featureCollection, polygon } from '@turf/turf';
import { t } from '../i18n/index.js';
import { unitText } from '../ui/units.js';
import type { AirspaceConflict, TrafficNetwork } from './api.js';
import { conflictFeatures, type DrawnConflict, footprint, intentFeatures, type Origin } from './intent-geometry.js';
import type { TrafficLabel } from './labels.js';
import type { TrafficMapLayers } from './layers.js';
import { networkLabels } from './network-geometry.js';
import { stateName } from './panel-sections.js';

/** What the Traffic view puts on the map at one time: sources' data and the labels over them. */
export interface TrafficScene {
  network: TrafficNetwork;
  intents: readonly OperationalIntent[];
  conflicts: readonly DrawnConflict[];
  timeMs: number;
  origin: Origin;
}

export function drawTraffic(
  layers: TrafficMapLayers,
  scene: TrafficScene,
): { labels: TrafficLabel[]; reserved: { volumes: number; intents: number } } {
  const volumes = intentFeatures(scene.origin, scene.intents, scene.timeMs);
  layers.set('intents', volumes);
  const conflicts = conflictFeatures(scene.origin, scene.intents, scene.conflicts, scene.timeMs);
  layers.set('conflicts', conflicts.collection);

  const words = {
    forward: `→ ${t('traffic.forward')}`,
    reverse: `← ${t('traffic.reverse')}`,
    hours: t('traffic.hours'),
    capacity: (n: number, s: number) => t(n === 1 ? 'traffic.capacityOne' : 'traffic.capacity', { n, s }),
    unit: (u: string) => unitText(u, t),
  };
  const labels: TrafficLabel[] = networkLabels(scene.network.network, words).map((l) => ({
    id: `net:${l.id}`,
    lon: l.lon,
    lat: l.lat,
    parts: [{ text: l.id, asWritten: 'name' }, ' ', l.detail],
    tone: 'network',
  }));
  // one label per intent reserved now, on its first volume reserved now
  const seen = new Set<string>();
  for (const f of volumes.features) {
    const id = String(f.properties?.intentId);
    if (seen.has(id) || f.geometry.type !== 'Polygon') continue;
    seen.add(id);
    const [lon, lat] = centroid(f).geometry.coordinates;
    const parts = [
      { text: String(f.properties?.operator), asWritten: 'name' as const },
      ` · ${stateName(String(f.properties?.state))}`,
    ];
    labels.push({ id: `intent:${id}`, lon, lat, parts, tone: 'intent' });
  }
  conflicts.areas.forEach((a, i) => {
    const parts = [
      `⚠ ${t('traffic.conflict')}: `,
      { text: a.names[0], asWritten: 'name' as const },
      ' ⇄ ',
      { text: a.names[1], asWritten: 'name' as const },
    ];
    labels.push({ id: `conflict:${i}`, lon: a.lon, lat: a.lat, parts, tone: 'conflict' });
  });
  return { labels, reserved: { volumes: volumes.features.length, intents: seen.size } };
}

export interface Proposal {
  refusal: AirspaceConflict;
  plan: FlightPlan | undefined;
  operator: string;
  origin: Origin;
}

/**
 * A refused submission: its plan's route (dashed) and the other operators' volumes that it intersects, labelled
 * with both operators' names; returns the labels.
 */
export function drawProposal(layers: TrafficMapLayers, p: Proposal | undefined): TrafficLabel[] {
  if (!p) {
    layers.set('proposal', featureCollection([]));
    return [];
  }
  const labels: TrafficLabel[] = [];
  const features: GeoJSON.Feature[] = [];
  if (p.plan)
    features.push({
      type: 'Feature',
      properties: { kind: 'route' },
      geometry: { type: 'LineString', coordinates: p.plan.route.coordinates.map(([lon, lat]) => [lon, lat]) },
    });
  for (const c of p.refusal.conflicts)
    for (const v of c.intersecting_volumes) {
      const ring = footprint(p.origin, v.volume);
      if (ring.length < 4) continue;
      const f = polygon([ring], { kind: 'blocking', a: p.operator, b: c.operator });
      features.push(f);
      if (labels.some((l) => l.id === `proposal:${c.intentId}`)) continue;
      const [lon, lat] = centroid(f).geometry.coordinates;
      const parts = [
        `⚠ ${t('traffic.conflict')}: `,
        { text: p.operator, asWritten: 'name' as const },
        ' ⇄ ',
        { text: c.operator, asWritten: 'name' as const },
      ];
      labels.push({ id: `proposal:${c.intentId}`, lon, lat, parts, tone: 'conflict' });
    }
  layers.set('proposal', featureCollection(features));
  return labels;
}
