import type { ApplicationAction, ApplicationState, WorkflowSide } from '@sua-sandbox/rules/model';
import { TRANSITIONS } from '@sua-sandbox/rules/workflow';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

export interface ActionRequest {
  action: ApplicationAction;
  comment: string;
}

/** The moves this side may make from this state (the workflow table is data, shared with the server). */
export function legalActions(state: ApplicationState, side: WorkflowSide): ApplicationAction[] {
  return TRANSITIONS.filter((r) => r.from === state && r.side === side).map((r) => r.action);
}

/**
 * Buttons for the legal actions with one comment box; `conditions` (the envelope being approved, edited with the
 * map) sits above them when approving is one of the moves.
 */
export function actionsPanel(
  state: ApplicationState,
  side: WorkflowSide,
  conditions: HTMLElement | null,
  /** the comment typed so far (kept by the view, so a re-render keeps it) */
  typed: { comment: string },
  onAction: (req: ActionRequest) => void,
): HTMLElement | null {
  const actions = legalActions(state, side);
  if (actions.length === 0) return null;
  const comment = h('textarea', { id: 'app-comment', rows: 2 });
  comment.value = typed.comment;
  comment.addEventListener('input', () => {
    typed.comment = comment.value;
  });
  const buttons = actions.map((action) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn${action === 'approve' || action === 'submit' ? ' primary' : ''}`,
        'data-action': action,
        onclick: () => onAction({ action, comment: comment.value.trim() }),
      },
      t(`apps.action.${action}` as MessageKey),
    ),
  );
  return h(
    'section',
    { class: 'app-actions', 'data-testid': 'app-actions' },
    h('h4', {}, t('apps.actions')),
    actions.includes('approve') ? conditions : null,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'app-comment' }, side === 'regulator' ? t('apps.comment') : t('apps.commentApplicant')),
      comment,
    ),
    h('div', { class: 'row' }, buttons),
  );
}
