import { randomUUID } from 'node:crypto';
import type { ElevationModel, ZoneIndex } from '@sua-sandbox/rules/airspace';
import {
  buildZoneIndex,
  gridElevationModel,
  isGridModel,
  seaLevel,
  type TerrainGridHeader,
} from '@sua-sandbox/rules/airspace';
import type { Zone } from '@sua-sandbox/rules/model';

/**
 * The airspace a task runs against, by reference: a worker builds the zone index once per key and keeps it,
 * so the zones (a large imported layer can be megabytes) cross the thread boundary only when a worker has
 * not seen that key yet. `key` is unique per index object on the server side.
 */
export interface AirspaceRef {
  key: string;
  version: string;
  /** present on the second try, when the worker answered NeedAirspace */
  zones?: Zone[];
  /** sent with the zones: the ground model as data */
  ground?: PortableGround;
}

interface PortableGrid {
  header: TerrainGridHeader;
  values: Int16Array;
}

/**
 * A ground model a worker can rebuild: sea level, or a terrain grid's header and values (a few MB, once),
 * with the grids of its family (terrain ↔ surface) so a rulebook's `groundReference` is honoured in the worker
 * as on the main thread.
 */
export type PortableGround = { kind: 'sea-level' } | ({ kind: 'grid'; alternates: PortableGrid[] } & PortableGrid);

function portableGround(model: ElevationModel): PortableGround | undefined {
  if (model.id === seaLevel.id && !isGridModel(model)) return { kind: 'sea-level' };
  if (!isGridModel(model)) return undefined;
  const alternates = [...model.alternates.values()]
    .filter(isGridModel)
    .map((m) => ({ header: m.header, values: m.values }));
  return { kind: 'grid', header: model.header, values: model.values, alternates };
}

export function groundModel(g: PortableGround | undefined): ElevationModel {
  if (g?.kind !== 'grid') return seaLevel;
  const family = [
    gridElevationModel(g.header, g.values),
    ...g.alternates.map((a) => gridElevationModel(a.header, a.values)),
  ];
  // each model of the family knows the others by id, as loadGroundModels links them on the main thread
  for (const m of family) for (const other of family) if (other !== m) m.alternates.set(other.id, other);
  return family[0];
}

/** A task's answer when its worker does not hold the airspace `key` yet: send it again with the zones. */
export interface NeedAirspace {
  ok: false;
  kind: 'need-airspace';
  key: string;
}

export function isNeedAirspace(out: unknown): out is NeedAirspace {
  return typeof out === 'object' && out !== null && (out as { kind?: unknown }).kind === 'need-airspace';
}

/** Worker side: built zone indexes by key, the most recently used few. */
export class AirspaceCache {
  private readonly built = new Map<string, ZoneIndex>();

  constructor(private readonly keep = 2) {}

  /** The index for `ref`, built from `ref.zones` when new; undefined when it is new and came without zones. */
  get(ref: AirspaceRef): ZoneIndex | undefined {
    const cached = this.built.get(ref.key);
    if (cached) {
      this.built.delete(ref.key);
      this.built.set(ref.key, cached);
      return cached;
    }
    if (!ref.zones) return undefined;
    const index = buildZoneIndex(ref.zones, { version: ref.version, elevation: groundModel(ref.ground) });
    this.built.set(ref.key, index);
    for (const key of this.built.keys()) {
      if (this.built.size <= this.keep) break;
      this.built.delete(key);
    }
    return index;
  }
}

/** Server side: a stable key per index object (a new index after a layer change gets a new key). */
export class AirspaceRefs {
  private readonly keys = new WeakMap<ZoneIndex, string>();

  /**
   * Whether a worker can rebuild this index: its ground model must be sea level or a terrain grid (an
   * index over any other model, e.g. a parsed .asc grid, is evaluated on the calling thread instead).
   */
  portable(index: ZoneIndex): boolean {
    return portableGround(index.elevation) !== undefined;
  }

  /** The ground model as a worker will receive it (exported for tests). */
  static portableGround(model: ElevationModel): PortableGround | undefined {
    return portableGround(model);
  }

  ref(index: ZoneIndex, withZones: boolean): AirspaceRef {
    let key = this.keys.get(index);
    if (!key) {
      key = randomUUID();
      this.keys.set(index, key);
    }
    if (!withZones) return { key, version: index.version };
    return { key, version: index.version, zones: [...index.zones], ground: portableGround(index.elevation) };
  }
}
