import { type ApplicationDetail, type ApplicationListItem, operations } from '@sua-sandbox/rules/api';
import type {
  ApplicationAction,
  ApplicationContentInput,
  FlightPlanInput,
  PermissionInput,
  Report,
} from '@sua-sandbox/rules/model';
import { call } from '../net/api.js';

/** The applications API as the view uses it: every answer parsed by the operation's schema in `call`. */
export type { ApplicationDetail };

/** Newest first, each with its current revision's verdicts (the server pages: up to 500). */
export const listApplications = (): Promise<ApplicationListItem[]> =>
  call(operations.listApplications, { query: { limit: 500 } });

export const getApplication = (id: string): Promise<ApplicationDetail> =>
  call(operations.getApplication, { params: { id } });

export const applicationTimeline = (id: string) => call(operations.applicationTimeline, { params: { id } });

export const createApplication = (content: ApplicationContentInput): Promise<ApplicationDetail> =>
  call(operations.createApplication, { body: content });

/** A new revision of the content (draft or changes requested only); its plans are checked again. */
export const reviseApplication = (id: string, content: ApplicationContentInput): Promise<ApplicationDetail> =>
  call(operations.reviseApplication, { params: { id }, body: content });

/** Every stored permission (seeded projects, the regulator's, and those approvals made), for the register. */
export const listPermissions = () => call(operations.listPermissions, { query: {} });

export function transition(
  id: string,
  action: ApplicationAction,
  extra: { comment?: string; envelope?: PermissionInput } = {},
): Promise<ApplicationDetail> {
  return call(operations.transitionApplication, { params: { id }, body: { action, ...extra } });
}

/** Check a plan again declaring the application's permission: is it covered now? */
export function recheck(plan: FlightPlanInput, permissionId: string): Promise<Report> {
  const declared = [...(plan.permissions ?? []).filter((p) => p !== permissionId), permissionId];
  return call(operations.check, { body: { plan: { ...plan, permissions: declared } } });
}
