import { z } from 'zod';
import { Aircraft, FlightPlan } from './plan.js';
import { Verdict } from './report.js';
import { TimeWindow } from './time.js';
import { PermissionTrigger } from './trigger.js';

/**
 * Sandbox applications (issue 12): an operator asks the regulator for a sandbox permission. The applicant
 * writes revisions; the regulator moves the application through its states (../workflow/); an approval
 * creates a Permission (./permission.ts) linked to the application.
 */

/** The five scenario types of the sandbox's first batch. */
export const ScenarioType = z
  .enum(['emergency-rescue', 'delivery', 'inspection-maintenance', 'surveillance', 'low-altitude-infrastructure'])
  .meta({ id: 'ScenarioType' });
export type ScenarioType = z.infer<typeof ScenarioType>;

export const ApplicationState = z
  .enum([
    'draft',
    'submitted',
    'under-review',
    'changes-requested',
    'approved',
    'rejected',
    'active',
    'suspended',
    'revoked',
    'expired',
  ])
  .meta({ id: 'ApplicationState' });
export type ApplicationState = z.infer<typeof ApplicationState>;

export const ApplicationAction = z
  .enum([
    'submit',
    'start-review',
    'request-changes',
    'approve',
    'reject',
    'activate',
    'suspend',
    'resume',
    'revoke',
    'expire',
  ])
  .meta({ id: 'ApplicationAction' });
export type ApplicationAction = z.infer<typeof ApplicationAction>;

/** Who performs a transition: the applicant's organisation or the regulator (CAD). */
export const WorkflowSide = z.enum(['applicant', 'regulator']).meta({ id: 'WorkflowSide' });
export type WorkflowSide = z.infer<typeof WorkflowSide>;

export const CrewMember = z
  .object({
    name: z.string().min(1).max(200),
    role: z.enum(['remote-pilot', 'observer', 'responsible-person', 'other']),
    /** a CAD registration or rating reference, when the member holds one */
    reference: z.string().max(200).optional(),
  })
  .meta({ id: 'CrewMember' });
export type CrewMember = z.infer<typeof CrewMember>;

/** What the applicant writes: one revision's content. */
export const ApplicationContent = z
  .object({
    title: z.string().min(1).max(300),
    scenario: ScenarioType,
    /** the operator organisation's name as it appears on the application */
    operator: z.string().min(1).max(300),
    aircraft: z.array(Aircraft).min(1).max(50),
    crew: z.array(CrewMember).min(1).max(200),
    plans: z.array(FlightPlan).min(1).max(50).describe('flight plans (import other formats with /api/plans/import)'),
    windows: z.array(TimeWindow).min(1).max(100).describe('requested time windows'),
    relaxations: z.array(PermissionTrigger).min(1).describe('the triggers the applicant asks to have covered'),
    notes: z.string().max(10_000).optional(),
  })
  .meta({ id: 'ApplicationContent' });
export type ApplicationContent = z.infer<typeof ApplicationContent>;
export type ApplicationContentInput = z.input<typeof ApplicationContent>;

export const RulebookVersionRef = z.object({ id: z.string(), version: z.string() }).meta({ id: 'RulebookVersionRef' });
export type RulebookVersionRef = z.infer<typeof RulebookVersionRef>;

/** The engine's report on one plan of a revision, checked under the rulebook in force. */
export const RevisionCheck = z
  .object({
    planIndex: z.number().int().nonnegative(),
    reportId: z.string(),
    verdict: Verdict,
    rulebook: RulebookVersionRef,
  })
  .meta({ id: 'RevisionCheck' });
export type RevisionCheck = z.infer<typeof RevisionCheck>;

export const ApplicationRevision = z
  .object({
    applicationId: z.string(),
    number: z.number().int().positive(),
    content: ApplicationContent,
    checks: z.array(RevisionCheck),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApplicationRevision' });
export type ApplicationRevision = z.infer<typeof ApplicationRevision>;

export const Application = z
  .object({
    id: z.string(),
    orgId: z.string(),
    state: ApplicationState,
    title: z.string(),
    scenario: ScenarioType,
    /** the latest revision's number */
    revision: z.number().int().positive(),
    /** the permission an approval created, when there is one */
    permissionId: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

/** One recorded move of the state machine, with what held at that moment. */
export const ApplicationTransition = z
  .object({
    applicationId: z.string(),
    seq: z.number().int().positive(),
    action: ApplicationAction,
    from: ApplicationState,
    to: ApplicationState,
    actor: z.string(),
    at: z.string(),
    comment: z.string(),
    /** the revision and its reports at that moment */
    revision: z.number().int().positive(),
    reportIds: z.array(z.string()),
    rulebook: RulebookVersionRef.nullable(),
    permission: z.object({ id: z.string(), version: z.number().int().positive() }).nullable(),
  })
  .meta({ id: 'ApplicationTransition' });
export type ApplicationTransition = z.infer<typeof ApplicationTransition>;
