import type { FindingCounts } from '@sua-sandbox/rules/protocol';
import { t } from '../i18n/index.js';
import type { SessionMirror } from '../net/session.js';
import { h } from '../ui/dom.js';
import { duration, num } from '../ui/format.js';

interface Seen {
  title: string;
  durationMs: number;
  aircraft: number;
  counts: FindingCounts;
  open: number;
}

/**
 * Says when a scenario has finished, with a summary: how long it ran, how many aircraft, the findings raised by
 * state and how many were still open. A private session stops at its end; the public demo starts again at once
 * (the server rebuilds it), which is told too, with the summary of the run that ended.
 */
export class ScenarioEnd {
  readonly el: HTMLElement;
  private seen: Seen | undefined;
  private lastElapsedMs = 0;
  private shownFor: string | undefined;

  constructor(private readonly onPlayAgain: () => void) {
    this.el = h('section', { class: 'end-box', hidden: true, role: 'status', 'data-testid': 'scenario-end' });
  }

  /** After every tick or snapshot: remember the run, and show the summary when it is over. */
  update(m: SessionMirror): void {
    const c = m.clock;
    // a session without an end (telemetry only) never finishes
    if (!c || c.durationMs === null) return;
    const durationMs = c.durationMs;
    // only the public demo loops; in a private copy going back is the user's own seek
    const restarted =
      !m.owned && this.seen !== undefined && c.elapsedMs < this.lastElapsedMs && this.nearEnd(this.lastElapsedMs);
    const before = this.seen;
    if (restarted && before && this.shownFor !== m.sessionId) this.show(before, true, m.sessionId);
    this.lastElapsedMs = c.elapsedMs;
    const ended = !c.playing && c.elapsedMs + c.stepMs > durationMs;
    this.seen = {
      title: m.info?.title ?? '',
      durationMs,
      aircraft: m.aircraftInfo.size,
      counts: structuredClone(m.counts),
      open: m.findings.size,
    };
    if (ended && this.shownFor !== m.sessionId) this.show(this.seen, false, m.sessionId);
    // a private copy sought back from its end is no longer finished; the public demo's restart notice stays a while
    const goneBack = m.owned ? true : c.playing && c.elapsedMs < durationMs / 2;
    if (!ended && !restarted && this.shownFor === m.sessionId && goneBack) this.hide();
  }

  /** Another session is shown: what was seen of the last one says nothing about it. */
  reset(): void {
    this.seen = undefined;
    this.lastElapsedMs = 0;
    this.hide();
  }

  private nearEnd(elapsedMs: number): boolean {
    return this.seen !== undefined && elapsedMs >= this.seen.durationMs * 0.9;
  }

  hide(): void {
    this.el.hidden = true;
    this.shownFor = undefined;
  }

  private show(s: Seen, restarted: boolean, sessionId: string): void {
    this.shownFor = sessionId;
    const o = s.counts.byOutcome;
    const again = h('button', { type: 'button', class: 'btn small', 'data-testid': 'play-again' }, t('live.end.again'));
    again.addEventListener('click', () => {
      this.seen = undefined;
      this.hide();
      this.onPlayAgain();
    });
    const close = h('button', { type: 'button', class: 'btn small' }, t('live.end.close'));
    close.addEventListener('click', () => this.hide());
    this.el.replaceChildren(
      h('h3', {}, t('live.end.title')),
      h(
        'p',
        { class: 'small' },
        t('live.end.ran', { title: s.title, duration: duration(s.durationMs), aircraft: num(s.aircraft, 0) }),
      ),
      h(
        'p',
        { class: 'small', 'data-testid': 'end-findings' },
        s.counts.opened === 0
          ? t('live.end.none')
          : t('live.end.findings', {
              n: num(s.counts.opened, 0),
              violation: num(o.violation, 0),
              permission: num(o.permission, 0),
              advisory: num(o.advisory, 0),
              open: num(s.open, 0),
            }),
      ),
      ...(restarted ? [h('p', { class: 'small muted' }, t('live.end.restarted'))] : []),
      h('div', { class: 'row' }, ...(restarted ? [close] : [again, close])),
    );
    this.el.hidden = false;
  }
}
