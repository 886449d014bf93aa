import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { ImportLimitError } from '../../rules/src/imports/kmz.js';
import { bigKml, bombBytes, deflateBomb, zipEntry } from './bombs.js';

const SPEED = { defaultSpeed: { value: 10, unit: 'm/s' as const } };
const MiB = 1_048_576;

function importError(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the import to throw');
}

describe('KMZ inflation is bounded while it runs, not after', () => {
  it('the bomb helper makes a valid stream of the size it claims (2 segments)', () => {
    const out = inflateSync(deflateBomb(2));
    expect(out.length).toBe(bombBytes(2));
    expect(out.every((b) => b === 0x20)).toBe(true);
  });

  it('an entry declaring 1000 bytes but inflating to 1 GiB stops at the limit, with memory near the limit', () => {
    const kmz = zipEntry('doc.kml', deflateBomb(64), 1000);
    expect(kmz.length).toBeLessThan(2 * MiB);
    const before = process.memoryUsage().rss;
    const err = importError(() => importRoute(kmz, 'kmz', { ...SPEED, maxUncompressedBytes: 16 * MiB }));
    const grownMb = (process.memoryUsage().rss - before) / MiB;
    expect(err).toBeInstanceOf(ImportLimitError);
    expect((err as ImportLimitError).limit).toBe(16 * MiB);
    expect((err as ImportLimitError).message).toMatch(/doc\.kml: inflates past the 16777216 byte limit/);
    // inflating it all would need a gigabyte; stopping at 16 MiB (plus one step) needs a few dozen MB
    expect(grownMb).toBeLessThan(256);
  });

  it('a lying declared size does not stop an entry that really fits', () => {
    const kmz = zipEntry('doc.kml', deflateSync(bigKml(20_000)), 10);
    const r = importRoute(kmz, 'kmz', { ...SPEED, maxUncompressedBytes: MiB });
    expect(r.route.coordinates).toHaveLength(2);
  });

  it('the default limit applies when the options leave it out (16 MiB)', () => {
    const kmz = zipEntry('doc.kml', deflateBomb(2), 10);
    const err = importError(() => importRoute(kmz, 'kmz', SPEED));
    expect(err).toBeInstanceOf(ImportLimitError);
    expect((err as ImportLimitError).limit).toBe(16 * MiB);
  });
});
