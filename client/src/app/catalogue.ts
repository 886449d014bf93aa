import { operations, type QueryOf } from '@sua-sandbox/rules/api';
import { type ZoneInfo, zoneFromFeature } from '../map/zone-model.js';
import { call } from '../net/api.js';

/** The zone catalogue, drawn with circles as polygons (GET /api/zones?display=1), filtered by `query`. */
export async function fetchZones(
  query: Omit<QueryOf<typeof operations.listZones>, 'display'> = {},
): Promise<ZoneInfo[]> {
  const fc = await call(operations.listZones, { query: { ...query, display: '1' } });
  const zones: ZoneInfo[] = [];
  for (const f of fc.features) {
    const z = zoneFromFeature(f);
    if (z) zones.push(z);
  }
  return zones;
}
