import type { ApplicationAction, Permission, WorkflowSide } from '@sua-sandbox/rules/model';
import type { ApplicationTransitionEvent } from '@sua-sandbox/rules/protocol';
import { applyTransition } from '@sua-sandbox/rules/workflow';
import { AppError, conflict, forbidden } from '../errors.js';
import type { PermissionLink, Store, StoredApplication } from '../store/types.js';
import {
  badEnvelope,
  changePermission,
  createPermission,
  PERMISSION_STATUS,
  parseEnvelope,
} from './application-permission.js';
import { recordAudit } from './audit.js';
import type { PermissionService } from './permissions.js';

/** Where the service tells others that an application moved (socket.io rooms in the server). */
export interface ApplicationEvents {
  transition(e: ApplicationTransitionEvent): void;
}

export interface TransitionRequest {
  action: ApplicationAction;
  comment?: string;
  /** approve: the permission's envelope (required); activate/resume: a changed envelope makes a new version */
  envelope?: unknown;
}

/** The part of the application service's dependencies a workflow move uses. */
export interface TransitionDeps {
  store: Store;
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
}

/**
 * One workflow move of `app` at time `at`, with the permission it creates or changes, the transition record and
 * audit in one transaction; then live sessions and listeners are told. 409 for a move the state does not allow
 * (or a state changed meanwhile), 403 for the wrong side, 400 for a missing or misplaced envelope.
 */
export async function moveApplication(
  deps: TransitionDeps,
  app: StoredApplication,
  req: TransitionRequest,
  by: { actor: string; sides: WorkflowSide[] },
  at: string,
): Promise<void> {
  const { actor, sides } = by;
  const id = app.id;
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
  await deps.store.transaction(async (tx) => {
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
    deps.permissions.invalidate();
    await deps.onPermissionsChanged?.(await deps.permissions.live());
  }
  deps.events?.transition({
    applicationId: id,
    orgId: app.orgId,
    from: moved.from,
    to: moved.to,
    action: moved.action,
    at,
    permissionId: link?.permissionId ?? app.permissionId,
  });
}
