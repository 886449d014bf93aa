import type { ClientToServerEvents } from '@sua-sandbox/rules/protocol';
import { forbidden, notFound, unauthorized } from '../errors.js';
import type { Principal, Role, TokenScope, UserPrincipal } from './principal.js';

/**
 * Who may call each HTTP operation, in one table keyed by operationId (issue 12). One middleware enforces it
 * before a request is parsed (route.ts); an operation without an entry is refused at startup, and the
 * authorization-matrix test (test/auth/matrix.test.ts) calls every operation as every kind of principal.
 */
export type OwnedKind = 'plan' | 'application' | 'job';

export interface Access {
  /** 'anyone' includes anonymous visitors; otherwise a signed-in user with one of these roles */
  who: 'anyone' | readonly Role[];
  /** an API token must carry this scope (a browser session has every scope) */
  scope?: TokenScope;
  /** only a signed-in browser session: a leaked API token must not mint tokens or manage accounts */
  session?: true;
  /**
   * `:id` names something an organisation owns (a job: the user who started it): an applicant of another
   * organisation (another user) gets the same 404 as for an id that does not exist (existence does not leak);
   * regulators and admins reach every organisation's
   */
  owner?: OwnedKind;
}

const ANYONE: Access = { who: 'anyone' };
const REGULATOR: readonly Role[] = ['regulator', 'admin'];
const OPERATOR: readonly Role[] = ['applicant', 'regulator', 'admin'];
const SIGNED_IN: readonly Role[] = ['viewer', 'applicant', 'regulator', 'admin'];

export const accessPolicy: Record<string, Access> = {
  // the public: the API description, the law, the zone map, the examples and a stateless check
  health: ANYONE,
  readiness: ANYONE,
  openapi: ANYONE,
  docs: ANYONE,
  check: ANYONE,
  importPlanFile: ANYONE,
  listRulebooks: ANYONE,
  getRulebook: ANYONE,
  diffRulebooks: ANYONE,
  listExamples: ANYONE,
  getExample: ANYONE,
  listScenarios: ANYONE,
  getScenario: ANYONE,
  listZones: ANYONE,
  exportZones: ANYONE,
  listZoneLayers: ANYONE,
  groundHeights: ANYONE,
  listVertiportSlots: ANYONE,
  getTrafficNetwork: ANYONE,

  // signing in
  signIn: ANYONE,
  signOut: ANYONE,
  whoAmI: ANYONE,
  setupFirstAdmin: ANYONE,
  changePassword: { who: SIGNED_IN, session: true },
  listApiTokens: { who: SIGNED_IN, session: true },
  createApiToken: { who: SIGNED_IN, session: true },
  revokeApiToken: { who: SIGNED_IN, session: true },

  // accounts: the admin's
  listUsers: { who: ['admin'], session: true },
  createUser: { who: ['admin'], session: true },
  disableUser: { who: ['admin'], session: true },
  listOrganisations: { who: REGULATOR },
  createOrganisation: { who: ['admin'], session: true },

  // an operator's own plans and their reports
  listPlans: { who: OPERATOR, scope: 'plans' },
  createPlan: { who: OPERATOR, scope: 'plans' },
  getPlan: { who: OPERATOR, scope: 'plans', owner: 'plan' },
  updatePlan: { who: OPERATOR, scope: 'plans', owner: 'plan' },
  deletePlan: { who: OPERATOR, scope: 'plans', owner: 'plan' },
  checkStoredPlan: { who: OPERATOR, scope: 'plans', owner: 'plan' },
  listPlanReports: { who: OPERATOR, scope: 'plans', owner: 'plan' },

  // the sandbox workflow: each side's actions are the state machine's (rules/src/workflow)
  listApplications: { who: OPERATOR, scope: 'applications' },
  createApplication: { who: ['applicant'], scope: 'applications' },
  getApplication: { who: OPERATOR, scope: 'applications', owner: 'application' },
  applicationTimeline: { who: OPERATOR, scope: 'applications', owner: 'application' },
  reviseApplication: { who: ['applicant'], scope: 'applications', owner: 'application' },
  transitionApplication: { who: OPERATOR, scope: 'applications', owner: 'application' },

  // the regulator's: drafts, impact runs, zone layers, permissions, the audit log
  listDrafts: { who: REGULATOR },
  getDraft: { who: REGULATOR },
  createDraft: { who: REGULATOR },
  updateDraft: { who: REGULATOR },
  deleteDraft: { who: REGULATOR },
  validateDraft: { who: REGULATOR },
  startImpact: { who: REGULATOR },
  // compute on the shared pool or queue, possibly under a stored draft; its job is read with getJob (regulator's)
  startScenarioBatch: { who: REGULATOR },
  // every job to the regulator; to an operator only its own (a large plan upload), any other job is a 404
  getJob: { who: OPERATOR, owner: 'job' },
  importZones: { who: REGULATOR },
  deleteZoneLayer: { who: REGULATOR },
  listPermissions: { who: OPERATOR },
  getPermission: { who: OPERATOR },
  createPermission: { who: REGULATOR },
  updatePermission: { who: REGULATOR },
  listAudit: { who: REGULATOR },

  // Sandbox X traffic management: operators (USSs) and the regulator
  putOperationalIntentReference: { who: OPERATOR, scope: 'plans' },
  getOperationalIntentReference: { who: OPERATOR },
  queryOperationalIntentReferences: { who: OPERATOR },
  transitionOperationalIntent: { who: OPERATOR, scope: 'plans' },
  deleteOperationalIntentReference: { who: OPERATOR, scope: 'plans' },
  allocateVertiportSlot: { who: OPERATOR, scope: 'plans' },

  // telemetry from a registered source: a token with the ingest scope
  postTelemetry: { who: OPERATOR, scope: 'ingest' },
};

export interface Refusal {
  code: 'unauthorized' | 'forbidden';
  message: string;
}

/**
 * Why `p` may not call what `access` guards (`what`: "this", or a socket event's name), ownership aside: the
 * one check behind both the HTTP guard and socket events.
 */
function refusal(access: Access, p: Principal, what: string): Refusal | undefined {
  if (access.who === 'anyone') return undefined;
  if (p.kind !== 'user')
    return {
      code: 'unauthorized',
      message: `sign in, or send an API token, to ${what === 'this' ? 'do this' : `use ${what}`}`,
    };
  if (!access.who.includes(p.role))
    return { code: 'forbidden', message: `${what} needs the ${access.who.join(' or ')} role` };
  if (access.session && p.via !== 'session')
    return { code: 'forbidden', message: `${what} needs a signed-in browser session, not an API token` };
  if (access.scope && !p.scopes.includes(access.scope))
    return { code: 'forbidden', message: `the API token lacks the "${access.scope}" scope` };
  return undefined;
}

/** Finds the organisation that owns an id: undefined when the id does not exist, null when no organisation does. */
export type OwnerLookup = (kind: OwnedKind, id: string) => Promise<string | null | undefined>;

/** Regulators and admins act across organisations; everyone else within their own. */
export const crossesOrganisations = (p: Principal) =>
  p.kind === 'user' && (p.role === 'regulator' || p.role === 'admin');

/**
 * Throws 401 (not signed in), 403 (wrong role, scope or credential kind) or 404 (another organisation's id),
 * or returns when `p` may call the operation. Missing ids are left to the handler's own 404.
 */
export async function authorize(
  access: Access,
  p: Principal,
  id: string | undefined,
  ownerOf: OwnerLookup,
): Promise<void> {
  const refused = refusal(access, p, 'this');
  if (refused) throw refused.code === 'unauthorized' ? unauthorized(refused.message) : forbidden(refused.message);
  if (id !== undefined && access.owner && (await ownedByAnother(access, p, id, ownerOf)))
    throw notFound(access.owner, id);
}

/** `id` exists and is another's (another organisation's; a job: another user's), where `access` says ids are owned. */
async function ownedByAnother(access: Access, p: Principal, id: string, ownerOf: OwnerLookup): Promise<boolean> {
  if (!access.owner || p.kind !== 'user' || crossesOrganisations(p)) return false;
  const owner = await ownerOf(access.owner, id);
  return owner !== undefined && !owns(p, access.owner, owner);
}

/** Who owns the jobs `p` starts: the user (jobs are not shared within an organisation). */
export const jobOwnerOf = (p: UserPrincipal) => `user:${p.userId}`;

/** Jobs are their user's; the rest their organisation's. A user without an organisation owns no organisation's. */
function owns(p: UserPrincipal, kind: OwnedKind, owner: string | null): boolean {
  if (kind === 'job') return owner === jobOwnerOf(p);
  return p.orgId !== null && owner === p.orgId;
}

/** Matches no organisation: what a user without one owns and sees of organisation-owned things. */
const NO_ORGANISATION = '';

/**
 * Whose organisation-owned things (plans, their reports) a principal sees in lists: undefined for every
 * organisation's (regulators, admins), otherwise its own organisation's only.
 */
export function listScope(p: Principal): string | undefined {
  if (crossesOrganisations(p)) return undefined;
  return p.kind === 'user' ? (p.orgId ?? NO_ORGANISATION) : NO_ORGANISATION;
}

/**
 * May `p` see something an organisation owns (`owner`: its organisation; null: no organisation's)? Regulators and
 * admins see every organisation's; anyone else only its own organisation's.
 */
export function sees(p: Principal, owner: string | null): boolean {
  const scope = listScope(p);
  return scope === undefined || owner === scope;
}

/**
 * Stored drafts are the regulator's work in progress: to anyone else a reference to one (`draft:<id>` in a check,
 * a rulebook read or diff, a live session's rulebook) is a draft that does not exist. Drafts shipped in the repo
 * are public, as the rulebooks are.
 */
export const readsStoredDrafts = (p: Principal): boolean => crossesOrganisations(p);

/** The organisation that owns what `p` creates: its own (an applicant's), none for the regulator's. */
export function ownerFor(p: Principal): string | null {
  return p.kind === 'user' && !crossesOrganisations(p) ? p.orgId : null;
}

/**
 * The same policy for socket events (issue 12). Session events are open to anyone; what a session's events may
 * change is its owner's (or a regulator's): SessionManager.mayControl. Telemetry needs a token with the ingest
 * scope, its source being the token's (a source moves and declares only its own aircraft).
 */
export const socketPolicy = {
  hello: ANYONE,
  'session:list': ANYONE,
  'session:create': ANYONE,
  'session:join': ANYONE,
  'session:leave': ANYONE,
  'session:control': ANYONE,
  // as getJob: every job to the regulator, to an operator only its own (socketAuthorize checks the owner)
  'job:subscribe': { who: OPERATOR, owner: 'job' },
  telemetry: { who: OPERATOR, scope: 'ingest' },
} satisfies Record<keyof ClientToServerEvents | 'telemetry', Access>;

export type SocketEvent = keyof typeof socketPolicy;

/** The refusal for a socket event (401/403 codes, for the ack), or undefined when `p` may send it. */
export function socketRefusal(event: SocketEvent, p: Principal): Refusal | undefined {
  return refusal(socketPolicy[event], p, event);
}

/**
 * After socketRefusal, for an event about something owned (a job): whether `p` owns `id`. Another's is refused as
 * not found, as over HTTP (existence does not leak).
 */
export async function socketOwnerRefusal(
  event: SocketEvent,
  p: Principal,
  id: string,
  ownerOf: OwnerLookup,
): Promise<{ code: 'not_found'; message: string } | undefined> {
  const access: Access = socketPolicy[event];
  if (access.owner && (await ownedByAnother(access, p, id, ownerOf)))
    return { code: 'not_found', message: `${access.owner} "${id}" not found` };
  return undefined;
}
