import { type ZoneInfo, zoneFromFeature } from '../map/zone-model.js';
import { api } from '../net/api.js';

/** The zone catalogue, drawn with circles as polygons (GET /api/zones?display=1). */
export async function fetchZones(query = ''): Promise<ZoneInfo[]> {
  const fc = await api.get<{ features?: unknown[] }>(`api/zones?display=1${query ? `&${query}` : ''}`);
  const zones: ZoneInfo[] = [];
  for (const f of fc.features ?? []) {
    const z = zoneFromFeature(f);
    if (z) zones.push(z);
  }
  return zones;
}
