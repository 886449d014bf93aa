import type { LiveFinding } from '@sua-sandbox/rules/protocol';

/** One opening of a finding in the feed, and the element showing it (`E`: an `li` in the page). */
export interface FeedEntry<E> {
  readonly f: LiveFinding;
  closed: boolean;
  el?: E;
}

/**
 * The feed's entries, newest first, at most `max`. A finding that closes and opens again under the same id is a
 * second entry with its own element: elements are kept per entry, never looked up by id (an element map by id
 * pointed at the newest opening, so trimming the oldest removed the newest one's element and left its own).
 */
export class FeedEntries<E> {
  private list: FeedEntry<E>[] = [];

  constructor(private readonly max: number) {}

  get all(): readonly FeedEntry<E>[] {
    return this.list;
  }

  /** Replace every entry (a snapshot's open findings), newest first; returns those beyond `max`, dropped. */
  reset(findings: Iterable<LiveFinding>): FeedEntry<E>[] {
    this.list = [...findings].sort((a, b) => b.openedAtMs - a.openedAtMs).map((f) => ({ f, closed: false }));
    return this.list.splice(this.max);
  }

  /** A finding opened: its new entry (at the top), and the oldest entries it pushed out. */
  add(f: LiveFinding): { entry: FeedEntry<E>; dropped: FeedEntry<E>[] } {
    const entry: FeedEntry<E> = { f, closed: false };
    this.list.unshift(entry);
    return { entry, dropped: this.list.splice(this.max) };
  }

  /** A finding closed: its open entry (the newest opening of that id), marked closed. */
  close(id: string): FeedEntry<E> | undefined {
    const e = this.list.find((x) => x.f.id === id && !x.closed);
    if (e) e.closed = true;
    return e;
  }
}
