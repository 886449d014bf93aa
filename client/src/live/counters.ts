import { type MessageKey, t } from '../i18n/index.js';
import type { SessionMirror } from '../net/session.js';
import { h } from '../ui/dom.js';
import { num } from '../ui/format.js';
import { throttle } from '../ui/throttle.js';
import { liveStatus, type Status } from './status.js';

const KEYS: MessageKey[] = ['live.aircraft', 'live.airborne', 'live.openFindings', 'live.totalFindings'];

/** Aircraft and findings counts of a session, refreshed a few times a second. */
export class Counters {
  readonly el: HTMLElement;
  private readonly values = new Map<MessageKey, HTMLElement>();
  private readonly byStatus = h('p', { class: 'small muted', 'data-testid': 'open-by-state' });
  private readonly soFar = h('p', { class: 'small muted', 'data-testid': 'so-far' });

  constructor() {
    // a <dl> holds only its name/value groups: the per-status line sits after it
    const list = h('dl', { class: 'counters' });
    for (const k of KEYS) {
      const dd = h('dd', { 'data-counter': k.split('.')[1] }, '0');
      this.values.set(k, dd);
      list.append(h('div', {}, h('dt', { 'data-k': k }), dd));
    }
    this.el = h('div', { 'data-testid': 'counters' }, list, this.byStatus, this.soFar);
    this.labels();
  }

  labels(): void {
    for (const dt of this.el.querySelectorAll<HTMLElement>('dt[data-k]'))
      dt.textContent = t(dt.dataset.k as MessageKey);
  }

  private readonly drawSoon = throttle((m: SessionMirror) => this.draw(m), 250);

  /** Refreshed a few times a second at most; the latest state is always drawn in the end. */
  update(m: SessionMirror, force = false): void {
    if (force) this.drawSoon.now(m);
    else this.drawSoon(m);
  }

  private draw(m: SessionMirror): void {
    this.labels();
    let airborne = 0;
    for (const a of m.aircraft.values()) if (a.mode !== 'scheduled' && a.mode !== 'landed') airborne++;
    const set = (k: MessageKey, v: number) => {
      const el = this.values.get(k);
      if (el) el.textContent = num(v, 0);
    };
    set('live.aircraft', m.aircraft.size);
    set('live.airborne', airborne);
    set('live.openFindings', m.findings.size);
    set('live.totalFindings', m.counts.opened);
    const counts: Record<Status, number> = { ok: 0, advisory: 0, permission: 0, violation: 0 };
    for (const f of m.findings.values()) counts[liveStatus(f.finding)]++;
    const list = (['violation', 'permission', 'advisory'] as const)
      .map((s) => `${t(`status.${s}`)}: ${counts[s]}`)
      .join(' · ');
    this.byStatus.textContent = t('live.openNow', { list });
    const o = m.counts.byOutcome;
    this.soFar.textContent = t('live.soFar', {
      violation: o.violation,
      permission: o.permission,
      advisory: o.advisory,
    });
  }
}
