export { getKind, kindNames, ruleKinds } from '../kinds/index.js';
export type { AirspaceView } from './airspace-view.js';
export { createAirspaceView } from './airspace-view.js';
export { applyAmendment } from './amendment.js';
export { type Classification as PlanClassification, classify } from './classify.js';
export { diffRulebooks, RulebookChange, RulebookChangeKind } from './diff.js';
export { applyDraft } from './draft.js';
export { type EvaluateOptions, type Evaluation, evaluate, evaluateDetailed, rulebookVersion } from './evaluate.js';
export { legNumber } from './findings.js';
export { GROUND_REFERENCE_PARAM, groundedAirspace } from './ground-reference.js';
export { rulebookInForce } from './in-force.js';
export { formatIssue, formatPath, fromZod, type Issue } from './issues.js';
export { JURISDICTION_KIND, jurisdictionOf, outsideHongKongFinding } from './jurisdiction.js';
export {
  type LiveEvaluator,
  type LiveMargin,
  type LiveOptions,
  type LiveSample,
  type LiveViolation,
  prepareLive,
} from './live.js';
export { bindRule, loadRulebook } from './load-rulebook.js';
export { assumption, formatQuantity, permissionRequiredText, render, triggerName } from './messages.js';
export { checkRequirements } from './requirements.js';
export { checkRoute, type RouteCheck, type Sampling } from './route-check.js';
export { routeSegments, SPACING_M, sampleAt, sampleRoute } from './samples.js';
export { buildTimeline } from './timeline.js';
export { type PlanValidation, validatePlan } from './validate-plan.js';
