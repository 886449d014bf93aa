import type { Permission } from '@sua-sandbox/rules/model';
import { badRequest, conflict, notFound } from '../errors.js';
import type { Store, StoredPermission } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';

const SEEDED_KEY = 'permissions.seeded';

interface PermissionCache {
  known: Permission[];
  active: Permission[];
  withdrawn: ReadonlySet<string>;
  /** permission id → the organisation an approval made it for; absent: a public one */
  holders: ReadonlyMap<string, string>;
}

/**
 * Whose approved permissions a reader sees and is covered by (access-policy.ts `listScope`): undefined for
 * every organisation's, otherwise the public ones (seeded projects, the regulator's own) and that organisation's.
 */
export type PermissionScope = string | undefined;
const SYSTEM: Actor = { actor: 'system' };

/**
 * CAD permissions and sandbox projects (both are Permission objects, told apart by `kind`).
 * Built-ins are copied into the store once, on first start; after that the store is the truth,
 * so a regulator's edits survive restarts. Checks read the cached list.
 */
export class PermissionService {
  private cache: PermissionCache | undefined;
  /** built-ins keep their file order for the engine (the CLI passes them in that order too) */
  private builtinOrder = new Map<string, number>();

  /** after this service changed a permission (create, update): tell live sessions and the other nodes */
  onChange?: () => void;

  constructor(private readonly store: Store) {}

  /** First start only: copy the built-in permissions into the store (audited as "seed"). */
  async seed(builtins: readonly Permission[]): Promise<number> {
    this.builtinOrder = new Map(builtins.map((p, i) => [p.id, i]));
    return this.store.transaction(async (tx) => {
      if (await tx.meta.get(SEEDED_KEY)) return 0;
      let n = 0;
      for (const p of builtins) {
        if (await tx.permissions.get(p.id)) continue;
        await tx.permissions.create(p, 'builtin');
        await recordAudit(tx, SYSTEM, 'seed', 'permission', p.id, null, p);
        n++;
      }
      await tx.meta.set(SEEDED_KEY, new Date().toISOString());
      this.cache = undefined;
      return n;
    });
  }

  async list(kind: Permission['kind'] | undefined, scope: PermissionScope): Promise<StoredPermission[]> {
    const { holders } = await this.cached();
    return (await this.store.permissions.list({ kind })).filter((p) => visibleIn(holders, p.id, scope));
  }

  /** Every stored permission, whatever its status, in the engine's order (cached until a change). */
  private async cached(): Promise<PermissionCache> {
    if (!this.cache) {
      const rank = (p: StoredPermission) => this.builtinOrder.get(p.id) ?? Number.MAX_SAFE_INTEGER;
      const stored = await this.store.permissions.list();
      stored.sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const statuses = await this.store.applications.permissionStatuses();
      const withdrawn = new Set([...statuses].filter(([, st]) => st !== 'active').map(([id]) => id));
      const known = stored.map((p) => p.permission);
      const holders = await this.store.applications.permissionHolders();
      this.cache = { known, active: known.filter((p) => !withdrawn.has(p.id)), withdrawn, holders };
    }
    return this.cache;
  }

  /**
   * The permissions that cover checks, for the rule engine: every built-in and user permission, but of those an
   * approval created only the active ones (a pending, suspended, revoked or expired one covers nothing).
   */
  async all(): Promise<Permission[]> {
    return (await this.cached()).active;
  }

  /** Of `all()`, those that may cover a check by a reader with this scope: another organisation's never do. */
  async covering(scope: PermissionScope): Promise<Permission[]> {
    const c = await this.cached();
    return scope === undefined ? c.active : c.active.filter((p) => visibleIn(c.holders, p.id, scope));
  }

  /** May a reader with this scope see (and declare) permission `id`? False also for an id that does not exist. */
  async visible(id: string, scope: PermissionScope): Promise<boolean> {
    const c = await this.cached();
    return c.known.some((p) => p.id === id) && visibleIn(c.holders, id, scope);
  }

  /**
   * Every permission with the ids that do not cover now, for the live monitor: flights already declaring a
   * withdrawn permission keep flying and are judged without it.
   */
  async live(): Promise<{
    known: Permission[];
    withdrawn: ReadonlySet<string>;
    holders: ReadonlyMap<string, string>;
  }> {
    const c = await this.cached();
    return { known: c.known, withdrawn: c.withdrawn, holders: c.holders };
  }

  /** A permission's status changed in the store (the applications service): read it afresh. */
  invalidate(): void {
    this.cache = undefined;
  }

  /** 404 for another organisation's approved permission, as for one that does not exist. */
  async get(id: string, scope: PermissionScope): Promise<StoredPermission> {
    const p = await this.store.permissions.get(id);
    if (!p || !visibleIn((await this.cached()).holders, id, scope)) throw notFound('permission', id);
    return p;
  }

  async create(permission: Permission, who: Actor): Promise<StoredPermission> {
    const created = await this.store.transaction(async (tx) => {
      const rec = await tx.permissions.create(permission, 'user');
      await recordAudit(tx, who, 'create', 'permission', permission.id, null, permission);
      return rec;
    });
    this.cache = undefined;
    this.onChange?.();
    return created;
  }

  async update(id: string, permission: Permission, who: Actor): Promise<StoredPermission> {
    if (permission.id !== id)
      throw badRequest(`permission id "${permission.id}" does not match the URL id "${id}"`, [
        { path: ['body', 'id'], message: `must be "${id}"` },
      ]);
    const updated = await this.store.transaction(async (tx) => {
      const before = await tx.permissions.get(id);
      if (!before) throw notFound('permission', id);
      // the first-batch sandbox projects stay as seeded; approved permissions change through their application
      if (before.source === 'builtin')
        throw conflict(`permission "${id}" is a built-in sandbox project and is read-only`);
      const linked = await tx.applications.permissionVersions(id);
      if (linked.length > 0)
        throw conflict(
          `permission "${id}" was created by application "${linked[0].applicationId}"; change it through the application's transitions`,
        );
      const rec = await tx.permissions.update(id, permission);
      if (!rec) throw notFound('permission', id);
      await recordAudit(tx, who, 'update', 'permission', id, before.permission, permission);
      return rec;
    });
    this.cache = undefined;
    this.onChange?.();
    return updated;
  }
}

function visibleIn(holders: ReadonlyMap<string, string>, id: string, scope: PermissionScope): boolean {
  if (scope === undefined) return true;
  const holder = holders.get(id);
  return holder === undefined || holder === scope;
}
