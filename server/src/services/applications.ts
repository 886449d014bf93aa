import { randomUUID } from 'node:crypto';
import { type ApplicationListItem, type TimelineActor, VERDICT_SEVERITY } from '@sua-sandbox/rules/api';
import type { ApplicationState, WorkflowSide } from '@sua-sandbox/rules/model';
import { EDITABLE_STATES } from '@sua-sandbox/rules/workflow';
import { actorOf, type Principal } from '../auth/principal.js';
import { AppError, conflict, forbidden } from '../errors.js';
import type {
  PermissionLink,
  Store,
  StoredApplication,
  StoredApplicationRevision,
  StoredApplicationTransition,
} from '../store/types.js';
import { requireApplicant, sidesOf, timelineActors, visibleOr404, visibleOrg } from './application-access.js';
import { validityEnded } from './application-permission.js';
import { checkPlans, parseContent, revisionRecord } from './application-revisions.js';
import { moveApplication, type TransitionDeps, type TransitionRequest } from './application-transition.js';
import { recordAudit } from './audit.js';
import type { CheckService } from './checks.js';

// Importers (routes, sockets, app, tests) take these from here.
export type { ApplicationEvents, TransitionRequest } from './application-transition.js';

export interface ApplicationServiceDeps extends TransitionDeps {
  checks: CheckService;
  now?: () => string;
}

export interface ApplicationDetail {
  application: StoredApplication;
  revision: StoredApplicationRevision;
  /** every version of the permission an approval created (oldest first); empty before approval */
  permission: PermissionLink[];
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
  ): Promise<{
    transitions: StoredApplicationTransition[];
    revisions: Omit<StoredApplicationRevision, 'reports'>[];
    actors: Record<string, TimelineActor>;
  }> {
    await this.visible(p, id);
    const transitions = await this.store.applications.transitions(id);
    const revisions = (await this.store.applications.revisions(id)).map(({ reports: _r, ...rest }) => rest);
    const ids = [...transitions.map((t) => t.actor), ...revisions.map((r) => r.createdBy)];
    return { transitions, revisions, actors: await timelineActors(this.store, p, ids) };
  }

  /** A new application of the applicant's organisation, in draft, with its first revision checked. */
  async create(p: Principal, input: unknown): Promise<ApplicationDetail> {
    const who = requireApplicant(p);
    const content = parseContent(input);
    const { checks, reports } = await checkPlans(this.deps.checks, content, p);
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
    const content = parseContent(input);
    const { checks, reports } = await checkPlans(this.deps.checks, content, p);
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

  private move(app: StoredApplication, req: TransitionRequest, actor: string, sides: WorkflowSide[]): Promise<void> {
    return moveApplication(this.deps, app, req, { actor, sides }, this.now());
  }
}
