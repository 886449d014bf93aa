import type { RouteGuard } from '../http/route.js';
import { routeContext } from '../http/route.js';
import type { Store } from '../store/types.js';
import { type Access, accessPolicy, authorize, type OwnerLookup } from './access-policy.js';

/** The owning organisation of an id (a job: its user), by kind (undefined: no such id, left to the handler's own 404). */
export function storeOwners(store: Store): OwnerLookup {
  return async (kind, id) => {
    if (kind === 'plan') return store.plans.ownerOf(id);
    if (kind === 'job') return store.jobs.ownerOf(id);
    const app = await store.applications.get(id);
    return app === undefined ? undefined : app.orgId;
  };
}

/**
 * The one middleware that enforces the access policy, per operation. An operation without a policy entry stops
 * the server from starting: nothing is reachable by omission.
 */
export function policyGuard(ownerOf: OwnerLookup, policy: Record<string, Access> = accessPolicy): RouteGuard {
  return (operationId) => {
    const access = policy[operationId];
    if (!access)
      throw new Error(`operation "${operationId}" has no entry in the access policy (auth/access-policy.ts)`);
    return (req, res) => {
      const id = typeof req.params.id === 'string' ? req.params.id : undefined;
      return authorize(access, routeContext(res).principal, id, ownerOf);
    };
  };
}
