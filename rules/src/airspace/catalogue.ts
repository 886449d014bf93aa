import type { Zone } from '../model/zone.js';
import { buildZoneIndex } from './build.js';
import type { GridIndexOptions, GridZoneIndex } from './grid-index.js';
import { zonesContentVersion } from './version.js';

/**
 * Builds each catalogue version's index once and hands the same index out afterwards (an instance per
 * process or per service, passed to whoever needs it — not a module-level singleton). Keeps the most
 * recently used `capacity` versions.
 */
export class ZoneIndexCache {
  private readonly byVersion = new Map<string, GridZoneIndex>();

  constructor(
    private readonly capacity = 4,
    private readonly opts: Omit<GridIndexOptions, 'version'> = {},
  ) {}

  get(catalogue: { version?: string; zones: readonly Zone[] }): GridZoneIndex {
    const version = catalogue.version ?? zonesContentVersion(catalogue.zones);
    const hit = this.byVersion.get(version);
    if (hit) {
      this.byVersion.delete(version);
      this.byVersion.set(version, hit);
      return hit;
    }
    const index = buildZoneIndex(catalogue.zones, { ...this.opts, version });
    this.byVersion.set(version, index);
    while (this.byVersion.size > this.capacity) {
      const oldest = this.byVersion.keys().next().value;
      if (oldest === undefined) break;
      this.byVersion.delete(oldest);
    }
    return index;
  }
}
