import { describe, expect, it } from 'vitest';
import { zh } from '../../client/src/i18n/zh.js';
import { conflictFeatures, conflictsAmong, intentFeatures } from '../../client/src/traffic/intent-geometry.js';
import { centreline, networkGeoJson, networkLabels } from '../../client/src/traffic/network-geometry.js';
import { hktDayStart, hktMinute, hktWindow, shiftText } from '../../client/src/traffic/time.js';
import { unitText } from '../../client/src/ui/units.js';
import { NaiveIntentStore } from '../../rules/src/traffic/naive.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createIntent, createParams } from '../traffic/helpers.js';

/**
 * The Traffic view's pure parts (client/src/traffic): what it draws at a time, the conflicts it highlights (the
 * same answer as the server's deconfliction), the route network's geometry, and the HKT wording.
 */
const params = createParams();
const origin = params.plane;
const T0 = '2027-03-16T10:00:00+08:00';
const at = (iso: string) => Date.parse(iso);

function traffic() {
  const alpha = createIntent(params, { id: 'alpha', manager: 'uss-a', operator: 'Alpha Deliveries' }, T0);
  const medic = createIntent(
    params,
    { id: 'medic', manager: 'uss-m', operator: 'Medic Drones', priorityClass: 'medical-delivery' },
    T0,
  );
  const late = createIntent(
    params,
    { id: 'late', manager: 'uss-l', operator: 'Late Air' },
    '2027-03-16T14:00:00+08:00',
  );
  return [alpha, medic, late];
}

describe('Traffic view: intents at the slider time', () => {
  it('draws only the volumes whose window contains the time, with the operator and state', () => {
    const intents = traffic();
    const before = intentFeatures(origin, intents, at('2027-03-16T09:30:00+08:00'));
    expect(before.features).toEqual([]);
    const during = intentFeatures(origin, intents, at('2027-03-16T10:05:00+08:00'));
    const names = [...new Set(during.features.map((f) => f.properties?.operator))].sort();
    expect(names).toEqual(['Alpha Deliveries', 'Medic Drones']);
    expect(during.features.every((f) => f.properties?.state === 'Accepted')).toBe(true);
    // a window is [start, end): the first instant after the end shows nothing of that volume
    const v0 = intents[2].details.volumes[0];
    const end = at(v0.time_end.value);
    const countAt = (t: number) =>
      intentFeatures(origin, [intents[2]], t).features.filter((f) => f.properties?.volume === 0).length;
    expect(countAt(end - 1)).toBe(1);
    expect(countAt(end)).toBe(0);
  });

  it('leaves Ended intents out', () => {
    const [alpha] = traffic();
    const ended = { ...alpha, reference: { ...alpha.reference, state: 'Ended' as const } };
    expect(intentFeatures(origin, [ended], at('2027-03-16T10:05:00+08:00')).features).toEqual([]);
  });
});

describe('Traffic view: conflicts', () => {
  it('finds the pairs the server finds (naive all-pairs), naming both operators', () => {
    const intents = traffic();
    const drawn = conflictsAmong(origin, intents);
    expect(drawn.map((c) => [c.a.operator, c.b.operator])).toEqual([['Alpha Deliveries', 'Medic Drones']]);
    const store = new NaiveIntentStore(params);
    store.put(intents[0]);
    store.put(intents[2]);
    const server = store.submit(intents[1]).conflicts;
    expect(server.map((c) => c.intentId)).toEqual(['alpha']);
    expect(drawn[0].volumes.map(([a, b]) => [b, a]).sort()).toEqual([...server[0].volumes].sort());
  });

  it('draws the intersecting volumes and their common ground only while both are reserved', () => {
    const intents = traffic();
    const conflicts = conflictsAmong(origin, intents);
    const now = conflictFeatures(origin, intents, conflicts, at('2027-03-16T10:05:00+08:00'));
    expect(now.collection.features.some((f) => f.properties?.kind === 'intersection')).toBe(true);
    expect(now.areas[0].names).toEqual(['Alpha Deliveries', 'Medic Drones']);
    const later = conflictFeatures(origin, intents, conflicts, at('2027-03-16T14:05:00+08:00'));
    expect(later.collection.features).toEqual([]);
    expect(later.areas).toEqual([]);
  });
});

describe('Traffic view: the route network and the wording', () => {
  it('builds each route from its points, with corridor, arrows per direction and vertiport volumes', () => {
    const network = loadRouteNetwork();
    const cc = network.routes.find((r) => r.id === 'R-CYB-CCH');
    if (!cc) throw new Error('route missing');
    expect(centreline(network, cc)).toEqual([
      [114.1298, 22.2606],
      [114.1, 22.242],
      [114.055, 22.218],
      [114.0309, 22.2086],
    ]);
    const kinds = (k: string, id: string) =>
      networkGeoJson(network, origin).features.filter(
        (f) => f.properties?.kind === k && (f.properties?.routeId === id || f.properties?.vertiportId === id),
      ).length;
    expect(kinds('corridor', 'R-CYB-CCH')).toBe(3);
    expect(kinds('arrow', 'R-CYB-CCH')).toBe(6); // forward and reverse on each of 3 segments
    expect(kinds('approach', 'VP-CYB')).toBe(1);
    expect(kinds('departure', 'VP-CYB')).toBe(1);
    const words = { forward: 'fwd', reverse: 'rev', hours: 'hours', capacity: (n: number, s: number) => `${n}/${s}s` };
    const label = networkLabels(network, words).find((l) => l.id === 'R-CYB-CCH');
    expect(label?.detail).toBe('fwd 80–110 m AGL · rev 120–150 m AGL · hours 07:00–20:00');
    // in 繁中 the layers' unit is worded as the rest of the Chinese text words it: 米, not m
    const zhWords = { ...words, unit: (u: string) => unitText(u, (k) => zh[k]) };
    expect(networkLabels(network, zhWords).find((l) => l.id === 'R-CYB-CCH')?.detail).toBe(
      'fwd 80–110 米 AGL · rev 120–150 米 AGL · hours 07:00–20:00',
    );
  });

  it('names every route, vertiport and waypoint in English and Chinese, as zones are named; ids stay as they are', () => {
    const network = loadRouteNetwork();
    const named = [...network.routes, ...network.vertiports, ...network.waypoints];
    expect(named.map((x) => x.id)).toEqual([
      'R-CYB-CCH',
      'R-NDH-LMC',
      'VP-CYB',
      'VP-CCH',
      'VP-NDH',
      'WP-CYB-SW',
      'WP-CCH-NE',
      'WP-NDH-W',
      'HOP-LMC',
    ]);
    for (const x of named) {
      expect(x.name.en, x.id).toMatch(/^[\x20-\x7e⇄]+$/);
      expect(x.name.zh, x.id).toMatch(/^[\p{Script=Han}（）⇄ ]+$/u);
    }
    const labels = networkLabels(network, { forward: '', reverse: '', hours: '', capacity: () => '' });
    expect(labels.find((l) => l.id === 'VP-CYB')?.name).toEqual({
      en: 'Cyberport drone pad',
      zh: '數碼港無人機停機坪',
    });
  });

  it('words times in HKT as dd/mm/yyyy HH:mm, and shifts in minutes and seconds', () => {
    expect(hktMinute(at('2027-03-16T02:05:00Z'))).toBe('16/03/2027 10:05 HKT');
    expect(hktWindow(at('2027-03-16T02:00:00Z'), at('2027-03-16T02:25:00Z'))).toBe('16/03/2027 10:00 – 10:25 HKT');
    expect(hktWindow(at('2027-03-16T15:50:00Z'), at('2027-03-16T16:10:00Z'))).toBe(
      '16/03/2027 23:50 – 17/03/2027 00:10 HKT',
    );
    expect(hktDayStart(at('2027-03-16T17:00:00Z'))).toBe(at('2027-03-17T00:00:00+08:00'));
    const unit = { min: 'min', s: 's' };
    expect([shiftText(543, unit), shiftText(420, unit), shiftText(45, unit)]).toEqual(['9 min 3 s', '7 min', '45 s']);
  });
});
