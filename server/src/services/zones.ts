import { randomUUID } from 'node:crypto';
import {
  exportZones,
  type importZones,
  ZONE_FORMATS,
  type ZoneFormat,
  ZoneFormatError,
} from '@sua-sandbox/rules/formats';
import { type AppError, badRequest, conflict, notFound } from '../errors.js';
import type { Repositories, Store, ZoneLayer } from '../store/types.js';
import type { WorkPool } from '../workers/pool.js';
import { zoneFormatErrorOf, zoneImportTask } from '../workers/zone-import-task.js';
import type { AirspaceService } from './airspace.js';
import { type Actor, recordAudit } from './audit.js';
import { filterZones, type ZoneFilter, zonesToFeatureCollection } from './zone-geojson.js';

export { ZONE_FORMATS };
export type ExportFormat = ZoneFormat;
export type ImportFormat = ZoneFormat | 'auto';

/** `geometry.coordinates[0][2]` → ['geometry', 'coordinates', 0, 2] */
function splitField(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** ZoneFormatError names the feature and the field; turn it into a 400 whose issue path points there. */
function importIssue(err: unknown): AppError | undefined {
  if (!(err instanceof ZoneFormatError)) return undefined;
  const path: (string | number)[] = ['body'];
  if (err.feature) path.push('features', err.feature.index);
  path.push(...splitField(err.field));
  return badRequest(`zone file rejected: ${err.message}`, [{ path, message: err.reason }], err);
}

/**
 * Zone layers: import (any supported format) → stored layer joining the airspace; export; list as GeoJSON.
 * Every method reads the layers as the store has them (another process may have changed them).
 */
export class ZoneService {
  constructor(
    private readonly store: Store,
    private readonly airspace: AirspaceService,
    /** reads and validates zone files off the event loop; absent: in-process (CLI, tests) */
    private readonly pool?: WorkPool,
  ) {}

  /** The zone file read and validated (in the pool when there is one); a bad file → ZoneFormatError. */
  private async readZones(input: unknown, format: ImportFormat, simplify: number | undefined) {
    const task = { input, format, ...(simplify === undefined ? {} : { simplify }) };
    const out = this.pool ? await this.pool.run('zone-import', task) : zoneImportTask(task);
    if (!out.ok) throw zoneFormatErrorOf(out.problem);
    return out.result;
  }

  async list(filter: ZoneFilter & { layer?: string }, display: boolean) {
    await this.airspace.refresh();
    let zones = this.airspace.sourcedZones();
    if (filter.layer) {
      const source = filter.layer === 'catalogue' ? 'catalogue' : `layer:${filter.layer}`;
      if (source !== 'catalogue' && !this.airspace.listLayers().some((l) => l.id === filter.layer))
        throw notFound('zone layer', filter.layer);
      zones = zones.filter((z) => z.source === source);
    }
    return zonesToFeatureCollection(filterZones(zones, filter), display);
  }

  async layers() {
    await this.airspace.refresh();
    return this.airspace.listLayers().map(({ zones, ...rest }) => ({ ...rest, zoneCount: zones.length }));
  }

  async import(
    input: unknown,
    format: ImportFormat,
    opts: { id?: string; name?: string; simplify?: number },
    who: Actor,
    /** written in the layer's transaction (a zone-import job's result: stored with the layer, or not at all) */
    onStored?: (tx: Repositories, layer: ZoneLayer) => Promise<void>,
  ) {
    let result: ReturnType<typeof importZones>;
    try {
      result = await this.readZones(input, format, opts.simplify);
    } catch (err) {
      throw importIssue(err) ?? err;
    }
    if (result.zones.length === 0) throw badRequest('the file holds no zones');
    await this.airspace.refresh();
    const id = opts.id ?? `layer-${randomUUID().slice(0, 8)}`;
    if (this.airspace.listLayers().some((l) => l.id === id)) throw conflict(`zone layer "${id}" already exists`);
    const ids = result.zones.map((z) => z.id);
    const dupInFile = ids.filter((x, i) => ids.indexOf(x) !== i);
    if (dupInFile.length) throw conflict(`zone ids repeated in the file: ${[...new Set(dupInFile)].join(', ')}`);
    const taken = this.airspace.takenIds(ids);
    if (taken.length) throw conflict(`zone ids already in the airspace: ${taken.slice(0, 10).join(', ')}`);
    const layer = await this.store.transaction(async (tx) => {
      const created = await tx.zoneLayers.create({
        id,
        name: opts.name ?? id,
        format: result.format,
        zones: result.zones,
        warnings: result.warnings,
      });
      await recordAudit(tx, who, 'import', 'zone-layer', id, null, {
        name: created.name,
        format: created.format,
        zoneIds: ids,
      });
      await onStored?.(tx, created);
      return created;
    });
    await this.airspace.refreshAfterWrite();
    return layer;
  }

  async deleteLayer(id: string, who: Actor): Promise<void> {
    await this.store.transaction(async (tx) => {
      const before = await tx.zoneLayers.get(id);
      if (!before) throw notFound('zone layer', id);
      await tx.zoneLayers.delete(id);
      await recordAudit(tx, who, 'delete', 'zone-layer', id, { name: before.name, zones: before.zones }, null);
    });
    await this.airspace.refreshAfterWrite();
  }

  /** Export one layer ("catalogue" for the built-in one) or, without `layer`, the whole airspace. */
  async export(format: ExportFormat, layer?: string): Promise<unknown> {
    await this.airspace.refresh();
    let zones = this.airspace.allZones();
    if (layer === 'catalogue') zones = this.airspace.catalogue.zones;
    else if (layer) {
      const found: ZoneLayer | undefined = this.airspace.listLayers().find((l) => l.id === layer);
      if (!found) throw notFound('zone layer', layer);
      zones = found.zones;
    }
    return exportZones(zones, format);
  }
}
