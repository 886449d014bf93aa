import { applicationOperations as ops } from '@sua-sandbox/rules/api';
import { requireUser } from '../auth/policy.js';
import type { ApplicationService } from '../services/applications.js';
import { defineRoute, type MountableRoute } from './route.js';

/**
 * Sandbox applications (issue 12), on the shared contract (rules/src/api/applications.ts). Applicants see only
 * their organisation's (another organisation's id answers 404); regulators and admins see all. Who may call each
 * is the access policy's (auth/access-policy.ts); `requireUser` only narrows the type. The service keeps the
 * data rules: an applicant needs an organisation, each side moves only by its own actions.
 */
export function applicationRoutes(apps: ApplicationService): MountableRoute[] {
  return [
    defineRoute({
      ...ops.listApplications,
      handler: ({ ctx, query }) => apps.list(ctx.principal, query),
    }),
    defineRoute({
      ...ops.createApplication,
      handler: async ({ ctx, body }, res) => {
        const out = await apps.create(ctx.principal, body);
        res.status(201);
        return out;
      },
    }),
    defineRoute({
      ...ops.getApplication,
      handler: ({ ctx, params }) => apps.get(requireUser(ctx.principal), params.id),
    }),
    defineRoute({
      ...ops.reviseApplication,
      handler: async ({ ctx, params, body }, res) => {
        const out = await apps.revise(requireUser(ctx.principal), params.id, body);
        res.status(201);
        return out;
      },
    }),
    defineRoute({
      ...ops.transitionApplication,
      handler: ({ ctx, params, body }) => apps.transition(requireUser(ctx.principal), params.id, body),
    }),
    defineRoute({
      ...ops.applicationTimeline,
      handler: ({ ctx, params }) => apps.timeline(requireUser(ctx.principal), params.id),
    }),
  ];
}
