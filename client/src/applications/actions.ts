import type { ApplicationAction, ApplicationState, PermissionInput, WorkflowSide } from '@sua-sandbox/rules/model';
import { TRANSITIONS } from '@sua-sandbox/rules/workflow';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { EnvelopeConditions } from './envelope.js';

export interface ActionRequest {
  action: ApplicationAction;
  comment: string;
  /** for approve: the regulator's altitude band and corridor */
  conditions?: EnvelopeConditions;
}

/** The moves this side may make from this state (the workflow table is data, shared with the server). */
export function legalActions(state: ApplicationState, side: WorkflowSide): ApplicationAction[] {
  return TRANSITIONS.filter((r) => r.from === state && r.side === side).map((r) => r.action);
}

const numberField = (id: string, label: string, value: number) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { type: 'number', id, value, min: 0, step: 1, required: true }),
  );

/**
 * Buttons for the legal actions with one comment box; approving also asks for the conditions (altitude band,
 * corridor half-width) that become the permission's envelope.
 */
export function actionsPanel(
  state: ApplicationState,
  side: WorkflowSide,
  defaults: EnvelopeConditions,
  current: PermissionInput | undefined,
  onAction: (req: ActionRequest) => void,
): HTMLElement | null {
  const actions = legalActions(state, side);
  if (actions.length === 0) return null;
  const comment = h('textarea', { id: 'app-comment', rows: 2 });
  const approving = actions.includes('approve');
  const band = current
    ? { lowerM: current.altitudeBand.lower.value, upperM: current.altitudeBand.upper.value }
    : { lowerM: defaults.lowerM, upperM: defaults.upperM };
  const conditions = approving
    ? h(
        'fieldset',
        { class: 'app-conditions' },
        h('legend', {}, t('apps.conditions')),
        numberField('app-band-lower', t('apps.bandLower'), band.lowerM),
        numberField('app-band-upper', t('apps.bandUpper'), band.upperM),
        numberField('app-half-width', t('apps.halfWidth'), defaults.halfWidthM),
      )
    : null;
  const read = (id: string): number => Number(conditions?.querySelector<HTMLInputElement>(`#${id}`)?.value ?? 0);
  const buttons = actions.map((action) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn${action === 'approve' || action === 'submit' ? ' primary' : ''}`,
        'data-action': action,
        onclick: () =>
          onAction({
            action,
            comment: comment.value.trim(),
            conditions:
              action === 'approve'
                ? { lowerM: read('app-band-lower'), upperM: read('app-band-upper'), halfWidthM: read('app-half-width') }
                : undefined,
          }),
      },
      t(`apps.action.${action}` as MessageKey),
    ),
  );
  return h(
    'section',
    { class: 'app-actions', 'data-testid': 'app-actions' },
    h('h4', {}, t('apps.actions')),
    conditions,
    h('div', { class: 'field' }, h('label', { for: 'app-comment' }, t('apps.comment')), comment),
    h('div', { class: 'row' }, buttons),
  );
}
