import { describe, expect, it } from 'vitest';
import { type IdFeature, PendingDiff } from '../../client/src/map/pending-diff.js';

const point = (id: string, lon: number, props: Record<string, unknown> = {}): IdFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, 22.3] },
  properties: { id, ...props },
});
const at = (lon: number): GeoJSON.Point => ({ type: 'Point', coordinates: [lon, 22.3] });

/**
 * The changes the live map's aircraft layer keeps per GeoJSON source until its next frame
 * (client/src/map/pending-diff.ts): many calls, one GeoJSONSource.updateData.
 */
describe('pending source diff', () => {
  it('merges the changes of many calls into one diff, one entry per feature', () => {
    const d = new PendingDiff();
    d.update('a', { geometry: at(114.1), props: { heading: 10 } });
    d.update('b', { props: { status: 'advisory' } });
    d.update('a', { props: { status: 'violation' } });
    d.add(point('c', 114.3));
    d.remove('z');
    expect(d.take()).toEqual({
      remove: ['z'],
      add: [point('c', 114.3)],
      update: [
        {
          id: 'a',
          newGeometry: at(114.1),
          addOrUpdateProperties: [
            { key: 'heading', value: 10 },
            { key: 'status', value: 'violation' },
          ],
        },
        { id: 'b', addOrUpdateProperties: [{ key: 'status', value: 'advisory' }] },
      ],
    });
  });

  it('later geometry and property values win', () => {
    const d = new PendingDiff();
    d.update('a', { geometry: at(114.1), props: { status: 'ok', heading: 10 } });
    d.update('a', { geometry: at(114.2), props: { status: 'violation' } });
    d.update('a', { props: { status: 'advisory' } });
    expect(d.take()?.update).toEqual([
      {
        id: 'a',
        newGeometry: at(114.2),
        addOrUpdateProperties: [
          { key: 'status', value: 'advisory' },
          { key: 'heading', value: 10 },
        ],
      },
    ]);
  });

  it('an update of a feature still to be added goes into the add', () => {
    const d = new PendingDiff();
    d.add(point('a', 114.1, { status: 'ok', heading: 0 }));
    d.update('a', { geometry: at(114.2), props: { status: 'violation' } });
    expect(d.take()).toEqual({ add: [point('a', 114.2, { status: 'violation', heading: 0 })] });
  });

  it('a remove cancels the pending add and updates of its id', () => {
    const d = new PendingDiff();
    d.add(point('a', 114.1));
    d.update('b', { props: { status: 'violation' } });
    d.remove('a');
    d.remove('b');
    // an update after the remove is of a feature the source no longer has
    d.update('b', { props: { status: 'ok' } });
    expect(d.take()).toEqual({ remove: ['a', 'b'] });
  });

  it('an add after a remove is an add', () => {
    const d = new PendingDiff();
    d.update('a', { props: { status: 'violation' } });
    d.remove('a');
    d.add(point('a', 114.5));
    expect(d.take()).toEqual({ add: [point('a', 114.5)] });
  });

  it('an add replaces the pending update of its id (the update would land after it)', () => {
    const d = new PendingDiff();
    d.update('a', { geometry: at(114.1), props: { status: 'violation' } });
    d.add(point('a', 114.5, { status: 'ok' }));
    expect(d.take()).toEqual({ add: [point('a', 114.5, { status: 'ok' })] });
  });

  it('clear removes everything pending and what the source has; adds after it still land', () => {
    const d = new PendingDiff();
    d.add(point('a', 114.1));
    d.update('b', { props: { status: 'violation' } });
    d.remove('c');
    d.clear();
    d.update('b', { props: { status: 'ok' } });
    d.add(point('d', 114.4));
    expect(d.take()).toEqual({ removeAll: true, add: [point('d', 114.4)] });
  });

  it('take empties it; drop forgets without removing', () => {
    const d = new PendingDiff();
    expect(d.empty).toBe(true);
    expect(d.take()).toBeUndefined();
    d.add(point('a', 114.1));
    d.update('b', { geometry: at(114.2) });
    expect(d.empty).toBe(false);
    expect(d.take()).toBeDefined();
    expect(d.empty).toBe(true);
    expect(d.take()).toBeUndefined();
    d.clear();
    d.remove('a');
    d.drop();
    expect(d.empty).toBe(true);
    expect(d.take()).toBeUndefined();
  });

  it('does not keep a reference to the caller’s properties', () => {
    const d = new PendingDiff();
    const props: Record<string, unknown> = { status: 'ok' };
    d.update('a', { props });
    props.status = 'violation';
    expect(d.take()?.update).toEqual([{ id: 'a', addOrUpdateProperties: [{ key: 'status', value: 'ok' }] }]);
  });
});
