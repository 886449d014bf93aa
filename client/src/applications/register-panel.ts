import type { PermissionVersion } from '@sua-sandbox/rules/api';
import type { Application } from '@sua-sandbox/rules/model';
import type { AppContext } from '../app/context.js';
import { t } from '../i18n/index.js';
import { hkTime } from '../ui/format.js';
import { listPermissions } from './api.js';
import { LiveClock } from './live-clock.js';
import { PermissionLayer } from './permission-layer.js';
import { registerControls } from './register.js';
import {
  hkLocalValue,
  nowLocal,
  type RegisterEntry,
  type RegisterState,
  registerAt,
  registerKey,
  registerTimeMs,
} from './register-model.js';

type Stored = Awaited<ReturnType<typeof listPermissions>>;

/**
 * The "Permissions register" layer: what is in force at the live map's clock (or at a chosen time), drawn with
 * the selected application's envelope. Follows the live clock as it moves, redrawing the map only when what is
 * in force changes.
 */
export class PermissionsRegister {
  private readonly state: RegisterState = { shown: true, mode: 'live', local: nowLocal() };
  private readonly layer: PermissionLayer;
  private readonly clock: LiveClock;
  private stored: Stored = [];
  private apps: readonly Application[] = [];
  private selected: PermissionVersion | undefined;
  private drawnKey: string | undefined;
  private el: HTMLElement | undefined;
  private visible = false;

  constructor(
    ctx: AppContext,
    private readonly regulator: () => boolean,
    private readonly onChange: () => void,
  ) {
    this.layer = new PermissionLayer(ctx.map);
    this.layer.setVisible(false);
    this.clock = new LiveClock(ctx.conn.socket);
    this.clock.onChange(() => {
      if (this.visible && this.state.mode === 'live') this.tick();
    });
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.layer.setVisible(visible);
  }

  /** Read the stored permissions again (after a sign-in or a transition). */
  async reload(): Promise<void> {
    this.stored = await listPermissions();
    this.drawnKey = undefined;
  }

  /** What the register is drawn from: the visible applications and the selected one's latest permission. */
  update(apps: readonly Application[], selected: PermissionVersion | undefined): void {
    this.apps = apps;
    this.selected = selected;
    this.draw(this.entries());
  }

  private timeMs(): number {
    return registerTimeMs(this.state, this.clock.timeMs);
  }

  private entries(): RegisterEntry[] {
    if (!this.state.shown) return [];
    return registerAt(this.stored, this.apps, this.timeMs(), this.regulator());
  }

  private draw(entries: RegisterEntry[]): void {
    const key = `${registerKey(entries)}#${this.selected?.permissionId ?? ''}#${this.selected?.version ?? ''}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.layer.set(entries, this.selected);
  }

  /** The live clock moved: update the time shown, and the list and map only if what is in force changed. */
  private tick(): void {
    const entries = this.entries();
    const before = this.drawnKey;
    this.draw(entries);
    const label = this.el?.querySelector('[data-testid=app-register-clock]');
    if (before !== this.drawnKey && this.el?.isConnected) this.el.replaceWith(this.controls(entries));
    else if (label) {
      label.textContent = t('apps.registerAtLive', { time: hkTime(this.timeMs()) });
      const field = this.el?.querySelector<HTMLInputElement>('#app-register-time');
      // not while the user is typing a time of their own into it
      if (field && document.activeElement !== field) field.value = hkLocalValue(this.timeMs());
    }
  }

  private controls(entries: RegisterEntry[]): HTMLElement {
    this.el = registerControls(this.state, this.timeMs(), entries, () => {
      this.drawnKey = undefined;
      this.onChange();
    });
    return this.el;
  }

  /** The register's fieldset for the panel (its toggle, clock and list). */
  render(): HTMLElement {
    const entries = this.entries();
    this.draw(entries);
    return this.controls(entries);
  }
}
