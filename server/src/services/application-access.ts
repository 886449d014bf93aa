import type { TimelineActor } from '@sua-sandbox/rules/api';
import type { WorkflowSide } from '@sua-sandbox/rules/model';
import type { Principal, UserPrincipal } from '../auth/principal.js';
import { forbidden, notFound } from '../errors.js';
import type { Store, StoredApplication } from '../store/types.js';

/**
 * Who may see and move sandbox applications (issue 12). Applicants act for their own organisation only and
 * never learn whether another organisation's application exists (404, not 403); regulators and admins see all;
 * viewers and anonymous callers see none. The lead may fold these into one policy table keyed by operationId.
 */

/** The workflow sides a principal may act for (an admin for both; viewers for none). */
export function sidesOf(p: Principal): WorkflowSide[] {
  if (p.kind !== 'user') return [];
  switch (p.role) {
    case 'admin':
      return ['applicant', 'regulator'];
    case 'regulator':
      return ['regulator'];
    case 'applicant':
      return p.orgId ? ['applicant'] : [];
    default:
      return [];
  }
}

/** Sees every organisation's applications. */
export function seesAll(p: Principal): boolean {
  return p.kind === 'user' && (p.role === 'regulator' || p.role === 'admin');
}

/** The organisation whose applications `p` sees, when limited to one; null for all; undefined for none. */
export function visibleOrg(p: Principal): string | null | undefined {
  if (seesAll(p)) return null;
  if (p.kind === 'user' && p.role === 'applicant' && p.orgId) return p.orgId;
  return undefined;
}

/** One-line route guard: the caller may read applications at all (else 403). */
export function requireApplicationReader(p: Principal): void {
  if (visibleOrg(p) === undefined) throw forbidden('only applicants, regulators and admins may read applications');
}

/** One-line route guard: the caller may create applications (an applicant with an organisation). */
export function requireApplicant(p: Principal): UserPrincipal & { orgId: string } {
  if (p.kind === 'user' && p.role === 'applicant' && p.orgId) return { ...p, orgId: p.orgId };
  throw forbidden('only an applicant of an operator organisation may create applications');
}

/** The application if `p` may see it; otherwise the same 404 as for an id that does not exist. */
export function visibleOr404(p: Principal, id: string, app: StoredApplication | undefined): StoredApplication {
  const org = visibleOrg(p);
  if (!app || org === undefined || (org !== null && app.orgId !== org)) throw notFound('application', id);
  return app;
}

/**
 * The actors of a timeline (`user:<id>`, `system:…`) as `p` may know them: the side of each, and the account's
 * email for a regulator or an admin reading, or for an applicant reading about its own organisation's members
 * (a regulator's email stays unknown to applicants).
 */
export async function timelineActors(
  store: Store,
  p: Principal,
  ids: readonly string[],
): Promise<Record<string, TimelineActor>> {
  const org = visibleOrg(p);
  const out: Record<string, TimelineActor> = {};
  for (const id of new Set(ids)) {
    const user = id.startsWith('user:') ? await store.accounts.getUser(id.slice('user:'.length)) : undefined;
    if (!user) {
      out[id] = { side: id.startsWith('user:') ? null : 'system', email: null };
      continue;
    }
    const side = user.role === 'regulator' || user.role === 'admin' ? 'regulator' : 'applicant';
    const mayKnow = org === null || (org !== undefined && user.orgId === org);
    out[id] = { side, email: mayKnow ? user.email : null };
  }
  return out;
}
