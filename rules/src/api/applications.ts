import { z } from 'zod';
import {
  Application,
  ApplicationAction,
  ApplicationContent,
  ApplicationRevision,
  ApplicationState,
  ApplicationTransition,
  RevisionCheck,
} from '../model/application.js';
import { Permission } from '../model/permission.js';
import { Report, Verdict } from '../model/report.js';
import { defineOperation, ErrorBody, IdParams, Paging, pickErrors, Timestamp } from './operation.js';

/** Sandbox applications (issue 12): the applicant's and the regulator's side of the workflow. */

const AUTH_ERRORS = {
  401: { description: 'sign-in required', schema: ErrorBody },
  403: { description: 'signed in, but this principal may not do this', schema: ErrorBody },
} as const;

export const PermissionVersion = z
  .object({
    permissionId: z.string(),
    version: z.number().int(),
    applicationId: z.string(),
    status: z.enum(['pending', 'active', 'suspended', 'revoked', 'expired']),
    permission: Permission,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'PermissionVersion' });
export type PermissionVersion = z.infer<typeof PermissionVersion>;

/** Worst first: the verdict a list shows for an application with several plans. */
export const VERDICT_SEVERITY: readonly Verdict[] = [
  'not-flyable',
  'non-compliant',
  'permission-required',
  'compliant',
];

export const ApplicationListItem = Application.extend({
  checks: z.array(RevisionCheck).describe("the engine's verdict on each plan of the current revision"),
  verdict: Verdict.nullable().describe("the worst of the current revision's verdicts (null: no plan checked)"),
}).meta({ id: 'ApplicationListItem' });
export type ApplicationListItem = z.infer<typeof ApplicationListItem>;

export const ApplicationListQuery = Paging.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  state: ApplicationState.optional().describe('only applications in this state (e.g. submitted, for the queue)'),
});

export const StoredApplicationRevision = ApplicationRevision.extend({
  reports: z.array(Report),
  rulebookId: z.string().nullable(),
  rulebookVersion: z.string().nullable(),
}).meta({ id: 'StoredApplicationRevision' });

export const ApplicationDetail = z
  .object({
    application: Application,
    revision: StoredApplicationRevision,
    permission: z.array(PermissionVersion).describe('every version of the approved permission, oldest first'),
  })
  .meta({ id: 'ApplicationDetail' });
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

/** Who an actor of the timeline is, as far as the reader may know. */
export const TimelineActor = z
  .object({
    side: z
      .enum(['applicant', 'regulator', 'system'])
      .nullable()
      .describe("the actor's side (system: the server, e.g. expiry); null for an account no longer known"),
    email: z
      .string()
      .nullable()
      .describe(
        "the account's email: regulators and admins see every actor's, an applicant its own organisation's; " +
          'null otherwise (and for the system or a deleted account)',
      ),
  })
  .meta({ id: 'TimelineActor' });
export type TimelineActor = z.infer<typeof TimelineActor>;

export const ApplicationTimeline = z
  .object({
    transitions: z.array(ApplicationTransition),
    revisions: z.array(StoredApplicationRevision.omit({ reports: true })),
    actors: z
      .record(z.string(), TimelineActor)
      .describe('every actor of the transitions and revisions (their `actor` / `createdBy`), by that id'),
  })
  .meta({ id: 'ApplicationTimeline' });
export type ApplicationTimeline = z.infer<typeof ApplicationTimeline>;

export const ApplicationTransitionRequest = z
  .object({
    action: ApplicationAction,
    comment: z.string().max(10_000).optional(),
    envelope: z
      .unknown()
      .optional()
      .describe('a Permission: required with approve; with activate or resume a changed one makes a new version'),
  })
  .meta({ id: 'ApplicationTransitionRequest' });

export const applicationOperations = {
  listApplications: defineOperation({
    method: 'get',
    path: '/api/applications',
    operationId: 'listApplications',
    summary: "Sandbox applications: an applicant's own organisation's, or all for regulators and admins",
    tags: ['applications'],
    request: { query: ApplicationListQuery },
    responses: {
      200: {
        description: "applications, newest first, each with its current revision's verdicts",
        schema: z.array(ApplicationListItem),
      },
      ...pickErrors(400),
      ...AUTH_ERRORS,
    },
  }),
  createApplication: defineOperation({
    method: 'post',
    path: '/api/applications',
    operationId: 'createApplication',
    summary: 'Create a sandbox application (draft); every plan is checked under the rulebook in force',
    tags: ['applications'],
    // validated by the service, so its issues name body.<field> whatever the failure
    request: { body: z.unknown() },
    docBody: ApplicationContent,
    responses: {
      201: { description: 'created', schema: ApplicationDetail },
      ...AUTH_ERRORS,
      ...pickErrors(400, 413, 415),
    },
  }),
  getApplication: defineOperation({
    method: 'get',
    path: '/api/applications/:id',
    operationId: 'getApplication',
    summary: 'An application with its latest revision (plans and reports) and its permission versions',
    tags: ['applications'],
    request: { params: IdParams },
    responses: {
      200: { description: 'the application', schema: ApplicationDetail },
      ...AUTH_ERRORS,
      ...pickErrors(404),
    },
  }),
  reviseApplication: defineOperation({
    method: 'post',
    path: '/api/applications/:id/revisions',
    operationId: 'reviseApplication',
    summary: 'A new revision (draft or changes requested only); its plans are checked and the reports attached',
    tags: ['applications'],
    request: { params: IdParams, body: z.unknown() },
    docBody: ApplicationContent,
    responses: {
      201: { description: 'revised', schema: ApplicationDetail },
      ...AUTH_ERRORS,
      ...pickErrors(400, 404, 409, 413, 415),
    },
  }),
  transitionApplication: defineOperation({
    method: 'post',
    path: '/api/applications/:id/transitions',
    operationId: 'transitionApplication',
    summary: 'Move the application: submit, start-review, request-changes, approve, reject, activate, suspend…',
    description:
      'Illegal moves answer 409 (code conflict) naming the state and the action; the wrong side answers 403. ' +
      '`approve` needs `envelope` (a Permission: area or corridor, altitude band, windows, aircraft, covers, ' +
      'conditions); it creates the permission, pending until `activate`. A changed envelope with activate or ' +
      'resume makes a new version. Suspend, revoke and expire stop the permission covering at once.',
    tags: ['applications'],
    request: { params: IdParams, body: ApplicationTransitionRequest },
    responses: {
      200: { description: 'moved', schema: ApplicationDetail },
      ...AUTH_ERRORS,
      ...pickErrors(400, 404, 409, 415),
    },
  }),
  applicationTimeline: defineOperation({
    method: 'get',
    path: '/api/applications/:id/timeline',
    operationId: 'applicationTimeline',
    summary: 'Every transition (actor, time, comment, reports and rulebook then) and every revision',
    tags: ['applications'],
    request: { params: IdParams },
    responses: {
      200: { description: 'the timeline', schema: ApplicationTimeline },
      ...AUTH_ERRORS,
      ...pickErrors(404),
    },
  }),
};
