import type { LiveFinding } from '@sua-sandbox/rules/protocol';
import { t } from '../i18n/index.js';
import type { SessionMirror } from '../net/session.js';
import { h } from '../ui/dom.js';
import { num } from '../ui/format.js';
import { throttle } from '../ui/throttle.js';
import { aircraftModel, aircraftName, liveMessage, liveState } from './words.js';

/** The box describing the selected aircraft: label, model, category, height, speed, mode, open findings. */
export class SelectedAircraft {
  readonly el: HTMLElement;

  constructor(private readonly onClear: () => void) {
    this.el = h('section', { class: 'selected-box', hidden: true, 'aria-live': 'polite' });
  }

  hide(): void {
    this.drawSoon.cancel();
    this.el.hidden = true;
  }

  private readonly drawSoon = throttle(
    (m: SessionMirror, id: string, findings: LiveFinding[]) => this.draw(m, id, findings),
    500,
  );

  update(m: SessionMirror, id: string, findings: LiveFinding[], force: boolean): void {
    if (force) this.drawSoon.now(m, id, findings);
    else this.drawSoon(m, id, findings);
  }

  private draw(m: SessionMirror, id: string, findings: LiveFinding[]): void {
    const info = m.aircraftInfo.get(id);
    const s = m.aircraft.get(id);
    if (!info && !s) {
      this.hide();
      return;
    }
    const clear = h('button', { type: 'button', class: 'btn small' }, t('live.deselect'));
    clear.addEventListener('click', this.onClear);
    const facts = [
      info ? aircraftModel(info) : undefined,
      info?.category,
      s ? t('live.alt', { agl: num(s.aglM, 0) }) : undefined,
      s ? `${num(s.groundSpeedMps * 3.6, 0)} km/h` : undefined,
      s ? t(`live.mode.${s.mode}`) : undefined,
    ].filter(Boolean);
    this.el.replaceChildren(
      h('h3', {}, `${t('live.selected')}: ${aircraftName(info, id)}`),
      h('p', { class: 'small' }, facts.join(' · ')),
      findings.length
        ? h(
            'ul',
            { class: 'small' },
            findings.map((f) =>
              h(
                'li',
                { 'data-state': liveState(f).status },
                `${liveState(f).label}: ${liveMessage(f.finding, (other) => aircraftName(m.aircraftInfo.get(other), other))}`,
              ),
            ),
          )
        : h('p', { class: 'small muted' }, t('status.ok')),
      clear,
    );
    this.el.hidden = false;
  }
}
