import type { GeoJSONFeatureDiff, GeoJSONFeatureId, GeoJSONSourceDiff } from 'maplibre-gl';

/** A feature of a diffed source: it has an id (GeoJSONSource.updateData keys every change by it). */
export type IdFeature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>> & { id: GeoJSONFeatureId };

/** What this app changes on a feature it keeps: its geometry, or some properties (set, never deleted). */
export interface FeatureChange {
  geometry?: GeoJSON.Geometry;
  props?: Record<string, unknown>;
}

/**
 * The changes to one GeoJSON source not yet handed to MapLibre, merged by feature id, so that whatever arrives
 * before a flush costs one GeoJSONSource.updateData (one worker update and tile reload). MapLibre merges a diff
 * only into one still waiting for its worker, and its merge (mergeSourceDiffs) is not exported.
 */
export class PendingDiff {
  private removeAll = false;
  private readonly removed = new Set<GeoJSONFeatureId>();
  private readonly added = new Map<GeoJSONFeatureId, IdFeature>();
  private readonly updated = new Map<GeoJSONFeatureId, FeatureChange>();

  get empty(): boolean {
    return !this.removeAll && this.removed.size === 0 && this.added.size === 0 && this.updated.size === 0;
  }

  /** Add or replace a feature: whatever was pending for its id before no longer matters. */
  add(f: IdFeature): void {
    this.removed.delete(f.id);
    this.updated.delete(f.id);
    this.added.set(f.id, f);
  }

  /** Change a feature; later geometry and property values win. */
  update(id: GeoJSONFeatureId, change: FeatureChange): void {
    const added = this.added.get(id);
    if (added) {
      // still to be added: the add carries the final state
      const properties = change.props ? { ...added.properties, ...change.props } : added.properties;
      this.added.set(id, { ...added, geometry: change.geometry ?? added.geometry, properties });
      return;
    }
    // removed before: MapLibre would skip the update of a feature it no longer has
    if (this.removeAll || this.removed.has(id)) return;
    const prev = this.updated.get(id);
    if (!prev) {
      this.updated.set(id, { geometry: change.geometry, props: change.props && { ...change.props } });
      return;
    }
    if (change.geometry) prev.geometry = change.geometry;
    if (change.props) prev.props = { ...prev.props, ...change.props };
  }

  remove(id: GeoJSONFeatureId): void {
    this.added.delete(id);
    this.updated.delete(id);
    // kept even after a pending add: the add may have replaced a feature the source already has
    this.removed.add(id);
  }

  /** Remove every feature; what is added after still lands. */
  clear(): void {
    this.drop();
    this.removeAll = true;
  }

  /** Forget what is pending (the source is being replaced wholesale). */
  drop(): void {
    this.removeAll = false;
    this.removed.clear();
    this.added.clear();
    this.updated.clear();
  }

  /** The merged diff, or undefined when nothing is pending; empties the pending changes. */
  take(): GeoJSONSourceDiff | undefined {
    if (this.empty) return undefined;
    const diff: GeoJSONSourceDiff = {};
    if (this.removeAll) diff.removeAll = true;
    if (this.removed.size) diff.remove = [...this.removed];
    if (this.added.size) diff.add = [...this.added.values()];
    if (this.updated.size) diff.update = [...this.updated].map(([id, c]) => featureDiff(id, c));
    this.drop();
    return diff;
  }
}

function featureDiff(id: GeoJSONFeatureId, c: FeatureChange): GeoJSONFeatureDiff {
  const d: GeoJSONFeatureDiff = { id };
  if (c.geometry) d.newGeometry = c.geometry;
  if (c.props) d.addOrUpdateProperties = Object.entries(c.props).map(([key, value]) => ({ key, value }));
  return d;
}
