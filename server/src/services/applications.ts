import { randomUUID } from 'node:crypto';
import { type ApplicationListItem, VERDICT_SEVERITY } from '@sua-sandbox/rules/api';
import {
  type ApplicationAction,
  ApplicationContent,
  type ApplicationState,
  type Permission,
  Permission as PermissionSchema,
  type Report,
  type RevisionCheck,
  type WorkflowSide,
} from '@sua-sandbox/rules/model';
import type { ApplicationTransitionEvent } from '@sua-sandbox/rules/protocol';
import { applyTransition, EDITABLE_STATES } from '@sua-sandbox/rules/workflow';
import { actorOf, type Principal } from '../auth/principal.js';
import { type ApiIssue, AppError, conflict, forbidden, issuesFromZod, notFound } from '../errors.js';
import type {
  PermissionLink,
  PermissionLinkStatus,
  Repositories,
  Store,
  StoredApplication,
  StoredApplicationRevision,
  StoredApplicationTransition,
} from '../store/types.js';
import { requireApplicant, sidesOf, visibleOr404, visibleOrg } from './application-access.js';
import { recordAudit } from './audit.js';
import type { CheckService } from './checks.js';
import type { PermissionService } from './permissions.js';

/** What a transition does to the permission an approval created (approve creates it, pending). */
const PERMISSION_STATUS: Partial<Record<ApplicationAction, PermissionLinkStatus>> = {
  approve: 'pending',
  activate: 'active',
  resume: 'active',
  suspend: 'suspended',
  revoke: 'revoked',
  expire: 'expired',
};

/** Where the service tells others that an application moved (socket.io rooms in the server). */
export interface ApplicationEvents {
  transition(e: ApplicationTransitionEvent): void;
}

export interface ApplicationServiceDeps {
  store: Store;
  checks: CheckService;
  permissions: PermissionService;
  events?: ApplicationEvents;
  /**
   * A permission's status changed: running live sessions must judge flights under it afresh (realtime wires
   * this to its sessions; see SessionManager.setPermissions).
   */
  onPermissionsChanged?: (live: {
    known: Permission[];
    withdrawn: ReadonlySet<string>;
    holders: ReadonlyMap<string, string>;
  }) => void | Promise<void>;
  now?: () => string;
}

export interface ApplicationDetail {
  application: StoredApplication;
  revision: StoredApplicationRevision;
  /** every version of the permission an approval created (oldest first); empty before approval */
  permission: PermissionLink[];
}

export interface TransitionRequest {
  action: ApplicationAction;
  comment?: string;
  /** approve: the permission's envelope (required); activate/resume: a changed envelope makes a new version */
  envelope?: unknown;
}

/**
 * Sandbox applications (issue 12): applicants create and revise them (each revision's plans are checked under
 * the rulebook in force and the reports attached), the regulator moves them through the workflow
 * (@sua-sandbox/rules/workflow); an approval creates a versioned Permission whose status follows the application.
 */
export class ApplicationService {
  private readonly now: () => string;

  constructor(private readonly deps: ApplicationServiceDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** A page of the applications `p` sees, newest first, each with its current revision's verdicts. */
  async list(
    p: Principal,
    page: { state?: ApplicationState; limit: number; offset: number } = { limit: 100, offset: 0 },
  ): Promise<ApplicationListItem[]> {
    const org = visibleOrg(p);
    if (org === undefined) return [];
    const apps = await this.store.applications.list({ ...(org === null ? {} : { orgId: org }), ...page });
    const checks = await this.store.applications.currentChecks(apps.map((a) => a.id));
    return apps.map((a) => {
      const mine = checks.get(a.id) ?? [];
      const verdict = VERDICT_SEVERITY.find((v) => mine.some((c) => c.verdict === v)) ?? null;
      return { ...a, checks: mine, verdict };
    });
  }

  private async visible(p: Principal, id: string): Promise<StoredApplication> {
    return visibleOr404(p, id, await this.store.applications.get(id));
  }

  async get(p: Principal, id: string): Promise<ApplicationDetail> {
    const application = await this.visible(p, id);
    const revision = await this.store.applications.revision(id, application.revision);
    if (!revision) throw new Error(`application "${id}" has no revision ${application.revision}`);
    const permission = application.permissionId
      ? await this.store.applications.permissionVersions(application.permissionId)
      : [];
    return { application, revision, permission };
  }

  /** Every transition (oldest first) and every revision's checks. */
  async timeline(
    p: Principal,
    id: string,
  ): Promise<{ transitions: StoredApplicationTransition[]; revisions: Omit<StoredApplicationRevision, 'reports'>[] }> {
    await this.visible(p, id);
    const transitions = await this.store.applications.transitions(id);
    const revisions = (await this.store.applications.revisions(id)).map(({ reports: _r, ...rest }) => rest);
    return { transitions, revisions };
  }

  /** The engine's report on each plan, under the rulebook in force on its take-off date (kept as reports). */
  private async checkPlans(
    content: ApplicationContent,
    p: Principal,
  ): Promise<{ checks: RevisionCheck[]; reports: Report[] }> {
    const checks: RevisionCheck[] = [];
    const reports: Report[] = [];
    for (const [i, plan] of content.plans.entries()) {
      const out = await this.deps.checks.check(
        { plan },
        { actor: actorOf(p) },
        {
          planId: null,
          reader: p,
          issuePath: (path) => ['body', 'plans', i, ...path.slice(1)],
        },
      );
      checks.push({
        planIndex: i,
        reportId: out.reportId,
        verdict: out.report.verdict,
        rulebook: { id: out.report.rulebook.id, version: out.report.rulebook.version },
      });
      reports.push(out.report);
    }
    return { checks, reports };
  }

  private parseContent(input: unknown): ApplicationContent {
    const r = ApplicationContent.safeParse(input);
    if (!r.success)
      throw new AppError({
        code: 'validation_failed',
        status: 400,
        message: 'invalid application',
        issues: issuesFromZod(r.error).map((i) => ({ ...i, path: ['body', ...i.path] })),
      });
    return r.data;
  }

  /** A new application of the applicant's organisation, in draft, with its first revision checked. */
  async create(p: Principal, input: unknown): Promise<ApplicationDetail> {
    const who = requireApplicant(p);
    const content = this.parseContent(input);
    const { checks, reports } = await this.checkPlans(content, p);
    const id = `app-${randomUUID().slice(0, 8)}`;
    const actor = actorOf(p);
    await this.store.transaction(async (tx) => {
      await tx.applications.create({
        id,
        orgId: who.orgId,
        title: content.title,
        scenario: content.scenario,
        createdBy: actor,
      });
      await tx.applications.addRevision(revisionRecord(id, 1, content, checks, reports, actor));
      await recordAudit(tx, { actor }, 'create', 'application', id, null, { orgId: who.orgId, title: content.title });
    });
    return this.get(p, id);
  }

  /** A new revision by the owning organisation, while the application is a draft or has changes requested. */
  async revise(p: Principal, id: string, input: unknown): Promise<ApplicationDetail> {
    const app = await this.visible(p, id);
    if (!sidesOf(p).includes('applicant')) throw forbidden('only the applicant may revise an application');
    if (!EDITABLE_STATES.includes(app.state))
      throw conflict(
        `cannot revise an application in state "${app.state}" (only in ${EDITABLE_STATES.map((s) => `"${s}"`).join(' or ')})`,
      );
    const content = this.parseContent(input);
    const { checks, reports } = await this.checkPlans(content, p);
    const actor = actorOf(p);
    await this.store.transaction(async (tx) => {
      const number = app.revision + 1;
      const moved = await tx.applications.update(
        id,
        { revision: number, title: content.title, scenario: content.scenario },
        app.state,
      );
      if (!moved) throw conflict(`application "${id}" changed meanwhile; read it again and retry`);
      await tx.applications.addRevision(revisionRecord(id, number, content, checks, reports, actor));
      await recordAudit(tx, { actor }, 'update', 'application', id, { revision: app.revision }, { revision: number });
    });
    return this.get(p, id);
  }

  /** One move of the workflow; 409 for a move the state does not allow, 403 for the wrong side. */
  async transition(p: Principal, id: string, req: TransitionRequest): Promise<ApplicationDetail> {
    const app = await this.visible(p, id);
    await this.move(app, req, actorOf(p), sidesOf(p));
    return this.get(p, id);
  }

  /**
   * Active or suspended applications whose permission's last validity window has ended are moved to `expired` by
   * the server itself (actor `system:expiry`): the permission stops covering, live flights under it get findings.
   * Returns the ids it expired. The server runs it at start and every minute (app.ts).
   */
  async expireEnded(): Promise<string[]> {
    const nowMs = Date.parse(this.now());
    const expired: string[] = [];
    for (const state of ['active', 'suspended'] as const) {
      for (const app of await this.store.applications.list({ state })) {
        if (!app.permissionId) continue;
        const versions = await this.store.applications.permissionVersions(app.permissionId);
        const current = versions.at(-1)?.permission;
        if (!current || !validityEnded(current, nowMs)) continue;
        const ends = current.validity.map((w) => w.to).join(', ');
        try {
          await this.move(app, { action: 'expire', comment: `validity ended (${ends})` }, 'system:expiry', [
            'regulator',
          ]);
          expired.push(app.id);
        } catch (err) {
          // moved meanwhile by a person: theirs wins, the next sweep looks again
          if (!(err instanceof AppError && err.status === 409)) throw err;
        }
      }
    }
    return expired;
  }

  private async move(
    app: StoredApplication,
    req: TransitionRequest,
    actor: string,
    sides: WorkflowSide[],
  ): Promise<void> {
    const id = app.id;
    const at = this.now();
    const moved = applyTransition(app, req.action, { id: actor, sides }, at);
    if (!moved.ok) {
      if (moved.error.kind === 'illegal-transition') throw conflict(moved.error.message);
      throw forbidden(moved.error.message);
    }
    const envelope = req.envelope === undefined ? undefined : parseEnvelope(req.envelope);
    if (req.action === 'approve' && !envelope)
      throw new AppError({
        code: 'validation_failed',
        status: 400,
        message: 'approve needs the permission envelope (area or corridor, altitude band, windows, aircraft, covers)',
        issues: [{ path: ['body', 'envelope'], message: 'required for approve' }],
      });
    const status = PERMISSION_STATUS[req.action];
    if (envelope && req.action !== 'approve' && req.action !== 'activate' && req.action !== 'resume')
      throw badEnvelope(`an envelope may be given with approve, activate or resume, not with ${req.action}`);

    let link: PermissionLink | undefined;
    await this.store.transaction(async (tx) => {
      const revision = await tx.applications.revision(id, app.revision);
      const patch: { state: typeof moved.to; permissionId?: string } = { state: moved.to };
      if (req.action === 'approve' && envelope) {
        link = await createPermission(tx, app, envelope, actor);
        patch.permissionId = envelope.id;
      } else if (status && app.permissionId) {
        link = await changePermission(tx, app, app.permissionId, status, envelope, actor);
      }
      const updated = await tx.applications.update(id, patch, app.state);
      if (!updated) throw conflict(`cannot ${req.action} application "${id}": its state changed meanwhile`);
      const first = revision?.checks[0];
      await tx.applications.addTransition({
        applicationId: id,
        action: moved.action,
        from: moved.from,
        to: moved.to,
        actor,
        at,
        comment: req.comment ?? '',
        revision: app.revision,
        reportIds: revision?.checks.map((c) => c.reportId) ?? [],
        rulebook: first ? first.rulebook : null,
        permission: link ? { id: link.permissionId, version: link.version } : null,
      });
      await recordAudit(tx, { actor }, 'update', 'application', id, { state: moved.from }, { state: moved.to });
    });

    if (link) {
      this.deps.permissions.invalidate();
      await this.deps.onPermissionsChanged?.(await this.deps.permissions.live());
    }
    this.deps.events?.transition({
      applicationId: id,
      orgId: app.orgId,
      from: moved.from,
      to: moved.to,
      action: moved.action,
      at,
      permissionId: link?.permissionId ?? app.permissionId,
    });
  }
}

/** Every validity window of the permission closed before `nowMs` (an open-ended one never ends). */
function validityEnded(permission: Permission, nowMs: number): boolean {
  return permission.validity.every((w) => w.to !== undefined && Date.parse(w.to) < nowMs);
}

function revisionRecord(
  applicationId: string,
  number: number,
  content: ApplicationContent,
  checks: RevisionCheck[],
  reports: Report[],
  createdBy: string,
): Omit<StoredApplicationRevision, 'createdAt'> {
  return {
    applicationId,
    number,
    content,
    checks,
    reports,
    rulebookId: checks[0]?.rulebook.id ?? null,
    rulebookVersion: checks[0]?.rulebook.version ?? null,
    createdBy,
  };
}

const badEnvelope = (message: string, issues: ApiIssue[] = [{ path: ['body', 'envelope'], message }]) =>
  new AppError({ code: 'validation_failed', status: 400, message, issues });

/** The regulator's envelope, validated as a Permission (issue paths under body.envelope). */
function parseEnvelope(input: unknown): Permission {
  const r = PermissionSchema.safeParse(input);
  if (!r.success)
    throw badEnvelope(
      'invalid permission envelope',
      issuesFromZod(r.error).map((i) => ({ path: ['body', 'envelope', ...i.path], message: i.message })),
    );
  return r.data;
}

/** Approve: the permission is stored (so checks can name it) with its first version, pending activation. */
async function createPermission(
  tx: Repositories,
  app: StoredApplication,
  permission: Permission,
  actor: string,
): Promise<PermissionLink> {
  if (await tx.permissions.get(permission.id))
    throw conflict(`permission id "${permission.id}" is taken; choose another id for the envelope`);
  await tx.permissions.create(permission, 'user');
  await recordAudit(tx, { actor }, 'create', 'permission', permission.id, null, permission);
  return tx.applications.addPermissionVersion({
    permissionId: permission.id,
    version: 1,
    applicationId: app.id,
    status: 'pending',
    permission,
  });
}

/** Activate, suspend, resume, revoke, expire: the status of the latest version; a changed envelope is a new one. */
async function changePermission(
  tx: Repositories,
  app: StoredApplication,
  permissionId: string,
  status: PermissionLinkStatus,
  envelope: Permission | undefined,
  actor: string,
): Promise<PermissionLink> {
  const versions = await tx.applications.permissionVersions(permissionId);
  const latest = versions.at(-1);
  if (!latest) throw notFound('permission', permissionId);
  if (envelope && envelope.id !== permissionId)
    throw badEnvelope(`the envelope's id must stay "${permissionId}"`, [
      { path: ['body', 'envelope', 'id'], message: `must be "${permissionId}"` },
    ]);
  if (envelope && JSON.stringify(envelope) !== JSON.stringify(latest.permission)) {
    await tx.permissions.update(permissionId, envelope);
    await recordAudit(tx, { actor }, 'update', 'permission', permissionId, latest.permission, envelope);
    return tx.applications.addPermissionVersion({
      permissionId,
      version: latest.version + 1,
      applicationId: app.id,
      status,
      permission: envelope,
    });
  }
  const changed = await tx.applications.setPermissionStatus(permissionId, status);
  if (!changed) throw notFound('permission', permissionId);
  return changed;
}
