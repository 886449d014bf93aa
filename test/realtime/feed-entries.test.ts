import { describe, expect, it } from 'vitest';
import { FeedEntries } from '../../client/src/live/feed-entries.js';
import type { Finding } from '../../rules/src/model/report.js';
import type { LiveFinding } from '../../rules/src/protocol/live-events.js';

/** A live finding of `id` opened at `openedAtMs` (the feed reads only its id and time). */
const opened = (id: string, openedAtMs: number): LiveFinding => ({
  id,
  aircraftId: id.split('|')[0],
  flightId: id.split('|')[0],
  key: id,
  openedAtMs,
  finding: {} as Finding,
});

/** The live findings feed's bookkeeping (client/src/live/feed-entries.ts): elements kept per opening. */
describe('live feed entries', () => {
  it('a finding that opens again is a second entry; trimming the first removes its element, not the newer one', () => {
    const feed = new FeedEntries<string>(3);
    const first = feed.add(opened('a|speed|', 1000)).entry;
    first.el = 'li:a@1000';
    expect(feed.close('a|speed|')).toBe(first);
    const again = feed.add(opened('a|speed|', 5000)).entry;
    again.el = 'li:a@5000';
    feed.add(opened('b|height|', 6000));
    const { dropped } = feed.add(opened('c|height|', 7000));
    expect(dropped.map((e) => e.el)).toEqual(['li:a@1000']);
    expect(feed.all.map((e) => `${e.f.id}@${e.f.openedAtMs}`)).toEqual([
      'c|height|@7000',
      'b|height|@6000',
      'a|speed|@5000',
    ]);
    // the open entry of the id is the newer opening
    expect(feed.close('a|speed|')).toBe(again);
    expect(again.closed).toBe(true);
    expect(feed.close('a|speed|')).toBeUndefined();
  });

  it('a snapshot replaces the entries, newest first, at most the cap', () => {
    const feed = new FeedEntries<string>(2);
    const dropped = feed.reset([opened('a|x|', 1), opened('b|x|', 3), opened('c|x|', 2)]);
    expect(feed.all.map((e) => e.f.id)).toEqual(['b|x|', 'c|x|']);
    expect(dropped.map((e) => e.f.id)).toEqual(['a|x|']);
  });
});
