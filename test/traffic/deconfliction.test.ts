import { describe, expect, it } from 'vitest';
import { conflictFindings } from '../../rules/src/traffic/findings.js';
import { GridIntentStore } from '../../rules/src/traffic/grid-index.js';
import { computeOvn, type OperationalIntent, shiftIntent, transitionIntent } from '../../rules/src/traffic/intent.js';
import { NaiveIntentStore } from '../../rules/src/traffic/naive.js';
import type { IntentStore } from '../../rules/src/traffic/store.js';
import type { Volume4D } from '../../rules/src/traffic/volume.js';
import { createIntent, createParams } from './helpers.js';

/** A one-volume intent: 100 m circle over the sea off Cyberport, band [lower, lower + 20] m AMSL, on 16 Mar 2026 (UTC). */
function hover(id: string, from: string, to: string, lower: number): OperationalIntent {
  const volumes: Volume4D[] = [
    {
      volume: {
        outline_circle: { center: { lat: 22.25, lng: 114.12 }, radius: { value: 100, units: 'M' } },
        altitude_lower: { value: lower, reference: 'AMSL', units: 'M' },
        altitude_upper: { value: lower + 20, reference: 'AMSL', units: 'M' },
      },
      time_start: { value: `2026-03-16T${from}Z`, format: 'RFC3339' },
      time_end: { value: `2026-03-16T${to}Z`, format: 'RFC3339' },
    },
  ];
  return {
    reference: {
      id,
      manager: 'uss.test',
      operator: `operator ${id}`,
      state: 'Accepted',
      version: 1,
      ovn: computeOvn(id, 1, 'Accepted', volumes),
      time_start: volumes[0].time_start,
      time_end: volumes[0].time_end,
    },
    details: { volumes, off_nominal_volumes: [], priority: 0, priority_class: 'standard' },
  };
}

const SF = { id: 'sf-ha-1', manager: 'uss.sf', operator: 'SF Express (HK)', priorityClass: 'medical-delivery' };
const OTHER = { id: 'island-1', manager: 'uss.island', operator: 'Island Parcels Ltd' };

describe.each([
  ['grid index', (p: ReturnType<typeof createParams>): IntentStore => new GridIntentStore(p)],
  ['naive', (p: ReturnType<typeof createParams>): IntentStore => new NaiveIntentStore(p)],
])('strategic deconfliction (%s)', (_name, createStore) => {
  it('two delivery operators on Cyberport → Cheung Chau: conflict found, shift suggested, shifted intent accepted', () => {
    const params = createParams();
    const store = createStore(params);
    const sf = createIntent(params, SF, '2026-03-16T10:00:00+08:00');
    expect(store.submit(sf)).toEqual({ conflicts: [], earliestShiftS: 0 });
    store.put(sf);

    const other = createIntent(params, OTHER, '2026-03-16T10:05:00+08:00');
    const r = store.submit(other);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({
      intentId: 'sf-ha-1',
      operator: 'SF Express (HK)',
      priority: 50,
      blocking: true,
    });
    // Both fly the same cruise legs (volumes 1 and 2) five minutes apart.
    expect(r.conflicts[0].volumes).toContainEqual([1, 1]);
    expect(r.conflicts[0].volumes).toContainEqual([2, 2]);
    expect(r.earliestShiftS).toBeGreaterThan(0);
    expect(r.earliestShiftS).toBeLessThanOrEqual(params.deconfliction.maxShiftS);

    const [finding] = conflictFindings(r, params.provision);
    expect(finding).toMatchObject({ code: 'traffic.deconfliction.conflict', severity: 'error', trialParameter: true });
    expect(finding.provision.url).toBe('https://www.tlb.gov.hk/eng/highlights/transport/low-altitude.html');
    expect(finding.provision.instrument).toMatch(/not law/);

    const shifted = shiftIntent(other, r.earliestShiftS ?? 0);
    expect(store.submit(shifted)).toEqual({ conflicts: [], earliestShiftS: 0 });
    store.put(shifted);
    // One second less is not enough: the suggested shift is the smallest.
    const almost = shiftIntent(other, (r.earliestShiftS ?? 0) - 1);
    expect(store.submit(almost).conflicts.some((c) => c.blocking)).toBe(true);
    expect(store.size).toBe(2);
  });

  it('a higher-priority intent sees the conflict but is not blocked', () => {
    const params = createParams();
    const store = createStore(params);
    store.put(createIntent(params, SF, '2026-03-16T10:00:00+08:00'));
    const rescue = createIntent(
      params,
      { ...OTHER, id: 'gfs-1', priorityClass: 'emergency' },
      '2026-03-16T10:05:00+08:00',
    );
    const r = store.submit(rescue);
    expect(r.conflicts[0]).toMatchObject({ intentId: 'sf-ha-1', blocking: false });
    expect(r.earliestShiftS).toBe(0);
    expect(conflictFindings(r, params.provision)[0].severity).toBe('warning');
  });

  it('windows that only touch do not conflict; different altitude bands do not conflict', () => {
    const params = createParams();
    const store = createStore(params);
    store.put(hover('a', '02:00:00', '02:10:00', 100));
    expect(store.submit(hover('b', '02:10:00', '02:20:00', 100)).conflicts).toEqual([]);
    expect(store.submit(hover('b', '02:09:59', '02:20:00', 100)).conflicts).toHaveLength(1);
    expect(store.submit(hover('b', '02:00:00', '02:10:00', 120)).conflicts).toEqual([]);
    expect(store.submit(hover('b', '02:00:00', '02:10:00', 119)).conflicts).toHaveLength(1);
  });

  it('no shift within maxShiftS: earliestShiftS is null', () => {
    const params = createParams();
    params.deconfliction.maxShiftS = 60;
    const store = createStore(params);
    store.put(createIntent(params, SF, '2026-03-16T10:00:00+08:00'));
    expect(store.submit(createIntent(params, OTHER, '2026-03-16T10:05:00+08:00')).earliestShiftS).toBeNull();
  });

  it('ended intents free their volumes; a new version replaces the old one', () => {
    const params = createParams();
    const store = createStore(params);
    const sf = createIntent(params, SF, '2026-03-16T10:00:00+08:00');
    store.put(sf);
    const other = createIntent(params, OTHER, '2026-03-16T10:05:00+08:00');
    store.put(shiftIntent(sf, 7200));
    expect(store.size).toBe(1);
    expect(store.submit(other).conflicts).toEqual([]);
    const ended = transitionIntent(store.get('sf-ha-1') ?? sf, 'Ended');
    if (ended.ok) store.put(ended.intent);
    expect(store.size).toBe(0);
  });

  it('a Nonconforming intent also holds its off-nominal volumes', () => {
    const params = createParams();
    const store = createStore(params);
    const a = hover('a', '02:00:00', '02:10:00', 100);
    const offNominal = hover('x', '02:00:00', '02:10:00', 200).details.volumes;
    const withOff = { ...a, details: { ...a.details, off_nominal_volumes: offNominal } };
    store.put(withOff);
    const above = hover('b', '02:00:00', '02:10:00', 200);
    expect(store.submit(above).conflicts).toEqual([]);
    const activated = transitionIntent(withOff, 'Activated');
    const nonconforming = activated.ok ? transitionIntent(activated.intent, 'Nonconforming') : activated;
    if (!nonconforming.ok) throw new Error('transition refused');
    store.put(nonconforming.intent);
    expect(store.submit(above).conflicts).toMatchObject([{ intentId: 'a', volumes: [[0, 1]] }]);
  });

  it('area-of-interest query returns the intents meeting a circle or polygon in space and time', () => {
    const params = createParams();
    const store = createStore(params);
    store.put(createIntent(params, SF, '2026-03-16T10:00:00+08:00'));
    const alt = {
      altitude_lower: { value: 0, reference: 'AGL' as const, units: 'M' as const },
      altitude_upper: { value: 200, reference: 'AGL' as const, units: 'M' as const },
    };
    const window = {
      time_start: { value: '2026-03-16T02:00:00Z', format: 'RFC3339' as const },
      time_end: { value: '2026-03-16T03:00:00Z', format: 'RFC3339' as const },
    };
    // Over the midpoint of the route at sea, and 5 km north of it on Lantau.
    const sea: Volume4D = {
      volume: { outline_circle: { center: { lat: 22.235, lng: 114.08 }, radius: { value: 100, units: 'M' } }, ...alt },
      ...window,
    };
    const away: Volume4D = {
      volume: {
        outline_polygon: {
          vertices: [
            { lat: 22.28, lng: 114.07 },
            { lat: 22.28, lng: 114.09 },
            { lat: 22.29, lng: 114.08 },
          ],
        },
        ...alt,
      },
      ...window,
    };
    const crossing: Volume4D = {
      volume: {
        outline_polygon: {
          vertices: [
            { lat: 22.22, lng: 114.07 },
            { lat: 22.22, lng: 114.09 },
            { lat: 22.25, lng: 114.08 },
          ],
        },
        ...alt,
      },
      ...window,
    };
    expect(store.queryArea(sea).map((r) => r.id)).toEqual(['sf-ha-1']);
    expect(store.queryArea(away)).toEqual([]);
    expect(store.queryArea(crossing).map((r) => r.id)).toEqual(['sf-ha-1']);
    const tomorrow = {
      time_start: { value: '2026-03-17T02:00:00Z', format: 'RFC3339' as const },
      time_end: { value: '2026-03-17T03:00:00Z', format: 'RFC3339' as const },
    };
    expect(store.queryArea({ ...sea, ...tomorrow })).toEqual([]);
  });
});
