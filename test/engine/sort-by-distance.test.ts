import { describe, expect, it } from 'vitest';
import { sortByDistance } from '../../rules/src/engine/airspace-view.js';
import type { ZoneDistance } from '../../rules/src/kinds/types.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { createPrng } from '../../rules/src/sim/prng.js';

describe('sortByDistance (distanceToZones order)', () => {
  it('gives what the stable Array.prototype.sort gives, ties in list order', () => {
    const rng = createPrng(5);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(rng.next() * 20);
      // few distinct values: many ties, whose order must stay the list's
      const list: ZoneDistance[] = Array.from({ length: n }, (_, i) => ({
        zone: { id: `z${i}` } as Zone,
        distanceM: [0, 0, 12.5, 40, Number.POSITIVE_INFINITY][Math.floor(rng.next() * 5)],
      }));
      const expected = [...list].sort((a, b) => a.distanceM - b.distanceM);
      sortByDistance(list);
      expect(list.map((d) => d.zone.id)).toEqual(expected.map((d) => d.zone.id));
    }
  });
});
