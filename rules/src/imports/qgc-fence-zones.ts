import { Zone } from '../model/zone.js';
import { isRecord } from './common.js';
import { readQgcFence } from './qgc-fence.js';
import type { ImportedFence } from './types.js';

/** What a QGroundControl geofence area means (QGC Plan View: GeoFence). */
export const QGC_FENCE_DOC = 'https://docs.qgroundcontrol.com/master/en/qgc-user-guide/plan_view/plan_geofence.html';

/**
 * A plan's geofence as zones: each inclusion or exclusion polygon or circle becomes an advisory zone of class
 * `operator-geofence`, ground to unlimited, marked `fence`. Ids are `<prefix>-inclusion-1`, `<prefix>-exclusion-2`…
 * in file order (polygons, then circles), so a layer holding several plans' fences can keep them apart.
 */
export function fenceZones(
  fence: ImportedFence | undefined,
  opts: { idPrefix?: string; source?: string } = {},
): Zone[] {
  if (!fence) return [];
  const prefix = opts.idPrefix ?? 'fence';
  const areas = [
    ...fence.polygons.map((p) => ({
      inclusion: p.inclusion,
      shape: 'polygon',
      geometry: { type: 'Polygon' as const, coordinates: [p.ring] },
    })),
    ...fence.circles.map((c) => ({
      inclusion: c.inclusion,
      shape: 'circle',
      geometry: { type: 'Circle' as const, center: c.center, radiusM: c.radiusM },
    })),
  ];
  return areas.map((a, i) => {
    const kind = a.inclusion ? 'inclusion' : 'exclusion';
    const zh = a.inclusion ? '包含' : '排除';
    return Zone.parse({
      id: `${prefix}-${kind}-${i + 1}`,
      name: { en: `Operator geofence ${i + 1} (${kind} ${a.shape})`, zh: `操作人地理圍欄 ${i + 1}（${zh}區）` },
      class: 'operator-geofence',
      effect: 'advisory',
      fence: kind,
      geometry: a.geometry,
      lower: { value: 0, unit: 'm', ref: 'AGL' },
      upper: null,
      provenance: {
        accuracy: 'user',
        source: opts.source ?? 'QGroundControl plan geoFence',
        note: `QGroundControl geoFence ${a.shape}, ${kind}: ${QGC_FENCE_DOC}`,
      },
    });
  });
}

/**
 * The geofence of a QGroundControl `.plan` (parsed JSON) as zones, for a zone import; undefined when the data is
 * not a QGC plan. A plan without a fence gives no zones (the caller says so).
 */
export function zonesFromQgcPlan(
  data: unknown,
  opts: { idPrefix?: string; source?: string } = {},
): { zones: Zone[]; warnings: string[] } | undefined {
  if (!isRecord(data) || data.fileType !== 'Plan') return undefined;
  const warnings: string[] = [];
  const zones = fenceZones(readQgcFence(data.geoFence, warnings), opts);
  return { zones, warnings };
}
