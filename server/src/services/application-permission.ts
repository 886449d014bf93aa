import { type ApplicationAction, type Permission, Permission as PermissionSchema } from '@sua-sandbox/rules/model';
import { type ApiIssue, AppError, conflict, issuesFromZod, notFound } from '../errors.js';
import type { PermissionLink, PermissionLinkStatus, Repositories, StoredApplication } from '../store/types.js';
import { recordAudit } from './audit.js';

/** What a transition does to the permission an approval created (approve creates it, pending). */
export const PERMISSION_STATUS: Partial<Record<ApplicationAction, PermissionLinkStatus>> = {
  approve: 'pending',
  activate: 'active',
  resume: 'active',
  suspend: 'suspended',
  revoke: 'revoked',
  expire: 'expired',
};

/** Every validity window of the permission closed before `nowMs` (an open-ended one never ends). */
export function validityEnded(permission: Permission, nowMs: number): boolean {
  return permission.validity.every((w) => w.to !== undefined && Date.parse(w.to) < nowMs);
}

export const badEnvelope = (message: string, issues: ApiIssue[] = [{ path: ['body', 'envelope'], message }]) =>
  new AppError({ code: 'validation_failed', status: 400, message, issues });

/** The regulator's envelope, validated as a Permission (issue paths under body.envelope). */
export function parseEnvelope(input: unknown): Permission {
  const r = PermissionSchema.safeParse(input);
  if (!r.success)
    throw badEnvelope(
      'invalid permission envelope',
      issuesFromZod(r.error).map((i) => ({ path: ['body', 'envelope', ...i.path], message: i.message })),
    );
  return r.data;
}

/** Approve: the permission is stored (so checks can name it) with its first version, pending activation. */
export async function createPermission(
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
export async function changePermission(
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
