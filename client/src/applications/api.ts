import { type ApplicationDetail, operations } from '@sua-sandbox/rules/api';
import type {
  Application,
  ApplicationAction,
  ApplicationContentInput,
  FlightPlanInput,
  PermissionInput,
  Report,
} from '@sua-sandbox/rules/model';
import { call } from '../net/api.js';

/** The applications API as the view uses it: every answer parsed by the operation's schema in `call`. */
export type { ApplicationDetail };

export const listApplications = (): Promise<Application[]> => call(operations.listApplications, {});

export const getApplication = (id: string): Promise<ApplicationDetail> =>
  call(operations.getApplication, { params: { id } });

export const applicationTimeline = (id: string) => call(operations.applicationTimeline, { params: { id } });

export const createApplication = (content: ApplicationContentInput): Promise<ApplicationDetail> =>
  call(operations.createApplication, { body: content });

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
