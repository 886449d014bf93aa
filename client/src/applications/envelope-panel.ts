import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { DraftIssue, EnvelopeDraft } from './envelope.js';

export interface EnvelopePanelHandlers {
  /** a field changed: redraw the envelope on the map (the panel stays as it is) */
  onChange(): void;
  /** corridor along the route, or an area */
  onShape(kind: 'corridor' | 'area'): void;
  /** start (true) or finish (false) clicking the area's points on the map */
  onDrawArea(on: boolean): void;
  /** put the corridor back on the plan's route */
  onReset(): void;
}

/** The field each issue is about, by the id of its control (points: the shape's button). */
export const ISSUE_FIELD: Record<DraftIssue, string> = {
  lower: 'app-band-lower',
  upper: 'app-band-upper',
  'half-width': 'app-half-width',
  'corridor-points': 'app-env-reset',
  'area-points': 'app-env-draw',
};

/** Why the draft cannot be approved, next to the field it is about (the field says aria-invalid). */
const issueNote = (issue: DraftIssue) =>
  h(
    'p',
    { class: 'field-error', id: 'app-env-issue', role: 'alert', 'data-testid': 'app-env-issue' },
    t('apps.env.invalid', { message: t(`apps.env.issue.${issue}`) }),
  );

const numberField = (
  id: string,
  label: string,
  value: number,
  onInput: (v: number) => void,
  opts: { disabled?: boolean; issue?: DraftIssue | null } = {},
) => {
  const invalid = opts.issue ? ISSUE_FIELD[opts.issue] === id : false;
  const input = h('input', {
    type: 'number',
    id,
    value,
    min: 0,
    step: 1,
    required: true,
    disabled: opts.disabled,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? 'app-env-issue' : undefined,
  });
  input.addEventListener('input', () => onInput(input.valueAsNumber));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    invalid && opts.issue ? issueNote(opts.issue) : null,
  );
};

/**
 * The conditions of the permission being approved: altitude band, and the ground shape (the corridor along the
 * route with its half-width, or an area drawn on the map). Every change shows on the map at once.
 */
export function envelopePanel(
  draft: EnvelopeDraft,
  drawing: boolean,
  on: EnvelopePanelHandlers,
  /** why the last "Approve" was refused, shown next to its field until the draft is fixed */
  issue: DraftIssue | null = null,
): HTMLElement {
  const corridor = draft.shape.type === 'corridor';
  const shapeChoice = (kind: 'corridor' | 'area', label: string) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'radio',
        name: 'app-env-shape',
        id: `app-env-${kind}`,
        value: kind,
        checked: draft.shape.type === kind,
        onchange: () => on.onShape(kind),
      }),
      ` ${label}`,
    );
  const points = draft.shape.type === 'area' ? draft.shape.ring.length : draft.shape.line.length;
  return h(
    'fieldset',
    { class: 'app-conditions', 'data-testid': 'app-envelope', 'data-shape': draft.shape.type },
    h('legend', {}, t('apps.conditions')),
    numberField(
      'app-band-lower',
      t('apps.bandLower'),
      draft.lowerM,
      (v) => {
        draft.lowerM = v;
        on.onChange();
      },
      { issue },
    ),
    numberField(
      'app-band-upper',
      t('apps.bandUpper'),
      draft.upperM,
      (v) => {
        draft.upperM = v;
        on.onChange();
      },
      { issue },
    ),
    h(
      'div',
      { class: 'field', role: 'radiogroup', 'aria-label': t('apps.env.shape') },
      shapeChoice('corridor', t('apps.env.corridor')),
      shapeChoice('area', t('apps.env.area')),
    ),
    numberField(
      'app-half-width',
      t('apps.halfWidth'),
      draft.halfWidthM,
      (v) => {
        draft.halfWidthM = v;
        on.onChange();
      },
      { disabled: !corridor, issue },
    ),
    h(
      'p',
      { class: 'small muted', 'data-testid': 'app-env-hint', 'data-points': points },
      corridor ? t('apps.env.hintCorridor', { n: points }) : t('apps.env.hintArea', { n: points }),
    ),
    drawing ? h('p', { class: 'small', role: 'status' }, t('apps.env.drawing')) : null,
    issue === 'corridor-points' || issue === 'area-points' ? issueNote(issue) : null,
    h(
      'div',
      { class: 'row' },
      corridor
        ? h(
            'button',
            { type: 'button', class: 'btn', 'data-testid': 'app-env-reset', onclick: () => on.onReset() },
            t('apps.env.reset'),
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'btn',
              'aria-pressed': String(drawing),
              'data-testid': 'app-env-draw',
              onclick: () => on.onDrawArea(!drawing),
            },
            drawing ? t('apps.env.finish') : t('apps.env.draw'),
          ),
    ),
  );
}
