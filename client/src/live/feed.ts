import type { FindingCounts, LiveFinding } from '@sua-sandbox/rules/protocol';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { findingItem } from '../ui/finding.js';
import { hkTime } from '../ui/format.js';
import { FeedEntries, type FeedEntry } from './feed-entries.js';
import { liveMessage, liveState } from './words.js';

const MAX_ITEMS = 150;

type Entry = FeedEntry<HTMLLIElement>;

/**
 * The live findings feed: newest first, closed findings greyed, capped in length. Each entry offers
 * "show on map" (fly to the aircraft, highlight the leg) and the citation link.
 */
export class FindingsFeed {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private readonly entries = new FeedEntries<HTMLLIElement>(MAX_ITEMS);

  constructor(
    private readonly labelOf: (aircraftId: string) => string,
    private readonly onShow: (f: LiveFinding) => void,
    /** the session's counts so far: an empty feed says whether findings were raised and closed before */
    private readonly soFar: () => FindingCounts | undefined,
  ) {
    this.list = h('ul', { class: 'feed', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'feed' });
    this.empty = h('p', { class: 'muted empty' });
    this.el = h('section', { class: 'feed-box' }, h('h3', { 'data-k': 'live.feed' }), this.empty, this.list);
    this.render();
  }

  reset(findings: Iterable<LiveFinding>): void {
    this.entries.reset(findings);
    this.render();
  }

  add(f: LiveFinding): void {
    const { entry, dropped } = this.entries.add(f);
    this.list.prepend(this.item(entry));
    for (const gone of dropped) gone.el?.remove();
    this.empty.hidden = true;
  }

  /** The empty feed's words follow the counts (a finding closed while no entry is shown). */
  private emptyText(): string {
    const c = this.soFar();
    return c && c.opened > 0 ? t('live.feedEmptyClosed', { n: c.opened }) : t('live.feedEmpty');
  }

  close(id: string): void {
    this.entries.close(id)?.el?.classList.add('finding-closed');
  }

  private item(e: Entry): HTMLLIElement {
    const label = this.labelOf(e.f.aircraftId);
    const li = findingItem(e.f.finding, {
      title: label,
      when: hkTime(e.f.openedAtMs, false),
      onShow: () => this.onShow(e.f),
      showLabel: t('finding.flyTo', { label }),
      closed: e.closed,
      state: liveState(e.f),
      message: liveMessage(e.f.finding, this.labelOf),
    });
    li.dataset.id = e.f.id;
    // the same id opens again after it closed: with the time it opened, each entry is found on its own
    li.dataset.opened = String(e.f.openedAtMs);
    li.dataset.aircraft = e.f.aircraftId;
    e.el = li;
    return li;
  }

  /** Full re-render (reset, language change). */
  render(): void {
    const h3 = this.el.querySelector('h3');
    if (h3) h3.textContent = t('live.feed');
    const all = this.entries.all;
    this.list.replaceChildren(...all.map((e) => this.item(e)));
    this.empty.textContent = this.emptyText();
    this.empty.hidden = all.length > 0;
  }
}
