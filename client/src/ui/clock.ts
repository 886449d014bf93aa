import type { ClockState, ControlAction } from '@sua-sandbox/rules/protocol';
import { onLangChange, t } from '../i18n/index.js';
import { h } from './dom.js';
import { duration, hkTime } from './format.js';
import { throttle } from './throttle.js';
import { toast } from './toast.js';

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100];

export interface ClockTarget {
  control(action: ControlAction): Promise<unknown>;
}

/**
 * Play / pause / step / speed / seek, bound to a session (or to two, in the compare view). The server is
 * authoritative: buttons send requests and the display follows the clock the server reports.
 */
export class ClockControls {
  readonly el: HTMLElement;
  private readonly playBtn: HTMLButtonElement;
  private readonly stepBtn: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly seek: HTMLInputElement;
  private readonly timeLabel: HTMLElement;
  private readonly elapsedLabel: HTMLElement;
  private clock: ClockState | undefined;
  private dragging = false;
  private readonly offLang: () => void;

  constructor(private readonly target: ClockTarget) {
    this.playBtn = h('button', { type: 'button', class: 'btn primary', 'data-testid': 'play' });
    this.playBtn.addEventListener('click', () =>
      this.send(this.clock?.playing ? { action: 'pause' } : { action: 'play' }),
    );
    this.stepBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'step' });
    this.stepBtn.addEventListener('click', () => this.send({ action: 'step', steps: 1 }));
    this.speed = h('select', { 'data-testid': 'speed' });
    for (const s of SPEEDS) this.speed.append(h('option', { value: String(s) }, `×${s}`));
    this.speed.addEventListener('change', () => this.send({ action: 'speed', speed: Number(this.speed.value) }));
    this.seek = h('input', { type: 'range', min: '0', max: '0', step: '1000', value: '0', 'data-testid': 'seek' });
    this.seek.addEventListener('pointerdown', () => {
      this.dragging = true;
    });
    this.seek.addEventListener('change', () => {
      this.dragging = false;
      void this.send({ action: 'seek', elapsedMs: Number(this.seek.value) });
    });
    this.timeLabel = h('output', { class: 'sim-time', 'aria-live': 'off' });
    this.elapsedLabel = h('span', { class: 'muted' });
    const speedLabel = h('label', { class: 'inline' }, h('span', { 'data-k': 'live.speed' }), this.speed);
    const seekLabel = h('label', { class: 'seek' }, h('span', { class: 'sr-only', 'data-k': 'live.seek' }), this.seek);
    this.el = h(
      'div',
      { class: 'clock', role: 'group' },
      h('div', { class: 'clock-row' }, this.playBtn, this.stepBtn, speedLabel),
      seekLabel,
      h('div', { class: 'clock-row' }, this.timeLabel, this.elapsedLabel),
    );
    this.offLang = onLangChange(() => this.renderText());
    this.renderText();
  }

  destroy(): void {
    this.offLang();
  }

  private async send(action: ControlAction): Promise<void> {
    try {
      await this.target.control(action);
    } catch (e) {
      toast(t('live.controlFailed', { message: e instanceof Error ? e.message : String(e) }), 'error');
    }
  }

  private renderText(): void {
    this.el.setAttribute('aria-label', t('live.simTime'));
    for (const el of this.el.querySelectorAll<HTMLElement>('[data-k]')) {
      const k = el.dataset.k;
      if (k === 'live.speed' || k === 'live.seek') el.textContent = t(k);
    }
    this.seek.setAttribute('aria-label', t('live.seek'));
    this.stepBtn.textContent = `${t('live.step')} ›`;
    this.draw(true);
  }

  private readonly drawSoon = throttle(() => this.draw(false), 200);

  /** Follow the server's clock; DOM updates are limited to a few per second (the last one always lands). */
  update(clock: ClockState | undefined, force = false): void {
    this.clock = clock;
    if (force) this.drawSoon.now();
    else this.drawSoon();
  }

  private draw(textOnly: boolean): void {
    const c = this.clock;
    const playing = c?.playing ?? false;
    this.playBtn.textContent = playing ? `❚❚ ${t('live.pause')}` : `▶ ${t('live.play')}`;
    this.playBtn.setAttribute('aria-pressed', String(playing));
    this.playBtn.disabled = !c;
    this.stepBtn.disabled = !c || playing;
    this.speed.disabled = !c;
    this.seek.disabled = !c || c.durationMs === null;
    if (!c) {
      this.timeLabel.textContent = '—';
      return;
    }
    this.timeLabel.textContent = hkTime(c.simTimeMs);
    this.elapsedLabel.textContent =
      c.durationMs === null ? duration(c.elapsedMs) : `${duration(c.elapsedMs)} / ${duration(c.durationMs)}`;
    if (textOnly) return;
    if (String(c.speed) !== this.speed.value && document.activeElement !== this.speed)
      this.speed.value = String(c.speed);
    if (c.durationMs !== null) {
      this.seek.max = String(c.durationMs);
      this.seek.step = String(c.stepMs);
      if (!this.dragging && document.activeElement !== this.seek) this.seek.value = String(c.elapsedMs);
    }
  }
}
