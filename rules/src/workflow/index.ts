/** The sandbox application workflow (issue 12): states, legal moves and who takes them. Pure. */
export {
  actionsFrom,
  applyTransition,
  EDITABLE_STATES,
  FINAL_STATES,
  ruleFor,
  TRANSITIONS,
  type TransitionDone,
  type TransitionError,
  type TransitionResult,
  type TransitionRule,
  type WorkflowActor,
} from './machine.js';
