import type { ApplicationAction, ApplicationState, WorkflowSide } from '../model/application.js';

/**
 * The sandbox application workflow as data (issue 12):
 *
 *   draft → submitted → under-review → changes-requested ↔ submitted → approved | rejected;
 *   approved → active → suspended ↔ active → revoked | expired.
 *
 * Each row is one legal move: from which state, by which action, to which state, and which side may take it.
 * Everything not listed is illegal. The server adds who may act for a side (roles, organisations).
 */
export interface TransitionRule {
  from: ApplicationState;
  action: ApplicationAction;
  to: ApplicationState;
  side: WorkflowSide;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'draft', action: 'submit', to: 'submitted', side: 'applicant' },
  { from: 'changes-requested', action: 'submit', to: 'submitted', side: 'applicant' },
  { from: 'submitted', action: 'start-review', to: 'under-review', side: 'regulator' },
  // the regulator may send a submission back before or during its review
  { from: 'submitted', action: 'request-changes', to: 'changes-requested', side: 'regulator' },
  { from: 'under-review', action: 'request-changes', to: 'changes-requested', side: 'regulator' },
  { from: 'under-review', action: 'approve', to: 'approved', side: 'regulator' },
  { from: 'under-review', action: 'reject', to: 'rejected', side: 'regulator' },
  // coverage starts when the regulator activates the approved permission
  { from: 'approved', action: 'activate', to: 'active', side: 'regulator' },
  { from: 'active', action: 'suspend', to: 'suspended', side: 'regulator' },
  { from: 'suspended', action: 'resume', to: 'active', side: 'regulator' },
  { from: 'active', action: 'revoke', to: 'revoked', side: 'regulator' },
  { from: 'suspended', action: 'revoke', to: 'revoked', side: 'regulator' },
  { from: 'active', action: 'expire', to: 'expired', side: 'regulator' },
  { from: 'suspended', action: 'expire', to: 'expired', side: 'regulator' },
];

/** States no action leaves. */
export const FINAL_STATES: readonly ApplicationState[] = ['rejected', 'revoked', 'expired'];

/** States in which the applicant may still change the content (add revisions). */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'changes-requested'];

/** The legal move for `action` from `from`, if any. */
export function ruleFor(from: ApplicationState, action: ApplicationAction): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** The actions legal from `state` (for any side). */
export function actionsFrom(state: ApplicationState): ApplicationAction[] {
  return TRANSITIONS.filter((t) => t.from === state).map((t) => t.action);
}

/** Who acts: an identifier for the record and the sides the actor may act for (an admin may act for both). */
export interface WorkflowActor {
  id: string;
  sides: readonly WorkflowSide[];
}

export type TransitionError =
  | { kind: 'illegal-transition'; from: ApplicationState; action: ApplicationAction; message: string }
  | {
      kind: 'wrong-side';
      from: ApplicationState;
      action: ApplicationAction;
      side: WorkflowSide;
      message: string;
    };

export interface TransitionDone {
  from: ApplicationState;
  to: ApplicationState;
  action: ApplicationAction;
  actor: string;
  at: string;
}

export type TransitionResult = ({ ok: true } & TransitionDone) | { ok: false; error: TransitionError };

/**
 * Apply `action` to an application in state `app.state`, by `actor`, at `at` (ISO instant, the caller's clock).
 * Pure: returns the move or why it is refused (an illegal move for this state, or the wrong side acting).
 */
export function applyTransition(
  app: { state: ApplicationState },
  action: ApplicationAction,
  actor: WorkflowActor,
  at: string,
): TransitionResult {
  const from = app.state;
  const rule = ruleFor(from, action);
  if (!rule) {
    const legal = actionsFrom(from);
    const hint = legal.length > 0 ? `legal actions: ${legal.join(', ')}` : 'it is final';
    return {
      ok: false,
      error: {
        kind: 'illegal-transition',
        from,
        action,
        message: `cannot ${action} an application in state "${from}" (${hint})`,
      },
    };
  }
  if (!actor.sides.includes(rule.side))
    return {
      ok: false,
      error: {
        kind: 'wrong-side',
        from,
        action,
        side: rule.side,
        message: `only the ${rule.side} side may ${action} an application`,
      },
    };
  return { ok: true, from, to: rule.to, action, actor: actor.id, at };
}
