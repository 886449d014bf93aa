/**
 * Holds a redraw back while a pointer press is in progress. An edited field commits on blur, when a press on a
 * button begins; redrawing then (the route's profile, the panel) moves or replaces the button under the pointer,
 * so its click never comes (the plan checker lost the first Check plan after an edit). The redraw runs once the
 * press has ended and its click was handled.
 */
export class PressGuard {
  private pressing = false;
  private waiting: (() => void) | undefined;
  private readonly onPress = () => {
    this.pressing = true;
  };
  private readonly onRelease = () => {
    this.pressing = false;
    const run = this.waiting;
    this.waiting = undefined;
    // after the click this press makes, which the browser dispatches in the same task
    if (run) setTimeout(run, 0);
  };

  attach(): void {
    document.addEventListener('pointerdown', this.onPress, true);
    document.addEventListener('pointerup', this.onRelease, true);
    document.addEventListener('pointercancel', this.onRelease, true);
  }

  detach(): void {
    document.removeEventListener('pointerdown', this.onPress, true);
    document.removeEventListener('pointerup', this.onRelease, true);
    document.removeEventListener('pointercancel', this.onRelease, true);
    this.pressing = false;
    this.waiting = undefined;
  }

  /** True when a press is in progress: `redraw` then runs after it (once, however often this is called). */
  deferred(redraw: () => void): boolean {
    if (this.pressing) this.waiting = redraw;
    return this.pressing;
  }
}
