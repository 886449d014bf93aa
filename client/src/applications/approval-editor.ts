import type { AppContext } from '../app/context.js';
import type { ApplicationDetail } from './api.js';
import { boxAround, type DraftIssue, defaultDraft, draftIssue, type EnvelopeDraft, routeLine } from './envelope.js';
import { EnvelopeMap } from './envelope-map.js';
import { envelopePanel, ISSUE_FIELD } from './envelope-panel.js';

/**
 * The regulator's approval in progress: the envelope draft of the selected application (band, corridor or
 * area), drawn live on the map with draggable vertices, and the area drawing mode (map clicks add points).
 */
export class ApprovalEditor {
  private draft: EnvelopeDraft | undefined;
  private detail: ApplicationDetail | undefined;
  private drawing = false;
  /** why the last "Approve" was refused, shown next to its field until the draft is fixed */
  private issue: DraftIssue | null = null;
  private readonly map: EnvelopeMap;

  constructor(
    private readonly ctx: AppContext,
    /** the panel shows the point count and the drawing state: render it again */
    private readonly rerender: () => void,
  ) {
    this.map = new EnvelopeMap(ctx.map, rerender);
    this.map.setVisible(false);
  }

  /** The draft to approve with, when the selected application can be approved. */
  get current(): EnvelopeDraft | undefined {
    return this.draft;
  }

  /**
   * Before approving: true when the draft can become a permission; otherwise the reason is shown next to its
   * field (aria-invalid), which is scrolled into view and focused.
   */
  validate(): boolean {
    const draft = this.draft;
    this.issue = draft ? draftIssue(draft) : null;
    this.rerender();
    if (!this.issue) return true;
    const field = document.getElementById(ISSUE_FIELD[this.issue]);
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
    return false;
  }

  /** A field changed: the shown reason goes once the draft no longer has it (re-rendered only then). */
  private recheckIssue(): void {
    if (!this.issue || !this.draft) return;
    const now = draftIssue(this.draft);
    if (now === this.issue) return;
    this.issue = null;
    this.rerender();
  }

  /** Follow the selection: a new draft for an application that can be approved now, none otherwise. */
  sync(detail: ApplicationDetail | undefined, canApprove: boolean): void {
    if (!detail || !canApprove) {
      this.stopDrawing();
      this.draft = undefined;
      this.detail = undefined;
      this.issue = null;
      this.map.set(undefined);
      return;
    }
    this.detail = detail;
    if (this.draft?.applicationId !== detail.application.id) {
      this.stopDrawing();
      this.issue = null;
      const plan = detail.revision.content.plans[0];
      this.draft = defaultDraft(detail.application.id, plan, detail.permission.at(-1)?.permission);
    }
    this.map.set(this.draft);
  }

  setVisible(visible: boolean): void {
    if (!visible) this.stopDrawing();
    this.map.setVisible(visible);
  }

  /** The conditions fieldset for the actions panel, or null when nothing is being approved. */
  panel(): HTMLElement | null {
    const draft = this.draft;
    if (!draft) return null;
    return envelopePanel(
      draft,
      this.drawing,
      {
        onChange: () => {
          this.map.redraw();
          this.recheckIssue();
        },
        onShape: (kind) => this.setShape(kind),
        onDrawArea: (on) => (on ? this.startDrawing() : this.stopDrawing(true)),
        onReset: () => {
          draft.shape = { type: 'corridor', line: routeLine(this.detail?.revision.content.plans[0]) };
          this.changed();
        },
      },
      this.issue,
    );
  }

  private setShape(kind: 'corridor' | 'area'): void {
    const draft = this.draft;
    if (!draft || draft.shape.type === kind) return;
    this.stopDrawing();
    const line = routeLine(this.detail?.revision.content.plans[0]);
    // an area starts as a box around the route, a corridor along it; either can then be edited on the map
    draft.shape =
      kind === 'area' ? { type: 'area', ring: boxAround(line, draft.halfWidthM) } : { type: 'corridor', line };
    this.changed();
  }

  private startDrawing(): void {
    const draft = this.draft;
    if (!draft) return;
    this.drawing = true;
    const ring: [number, number][] = [];
    draft.shape = { type: 'area', ring };
    this.ctx.setDrawMode(([lon, lat]) => {
      ring.push([round(lon), round(lat)]);
      this.map.set(draft);
      this.rerender();
    });
    this.changed();
  }

  stopDrawing(rerender = false): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.ctx.setDrawMode(null);
    if (rerender) this.rerender();
  }

  private changed(): void {
    this.map.set(this.draft);
    if (this.issue && this.draft && draftIssue(this.draft) !== this.issue) this.issue = null;
    this.rerender();
  }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
