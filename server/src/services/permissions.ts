import type { Permission } from '@sua-sandbox/rules/model';
import { badRequest, notFound } from '../errors.js';
import type { Store, StoredPermission } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';

const SEEDED_KEY = 'permissions.seeded';
const SYSTEM: Actor = { actor: 'system' };

/**
 * CAD permissions and sandbox projects (both are Permission objects, told apart by `kind`).
 * Built-ins are copied into the store once, on first start; after that the store is the truth,
 * so a regulator's edits survive restarts. Checks read the cached list.
 */
export class PermissionService {
  private cache: Permission[] | undefined;
  /** built-ins keep their file order for the engine (the CLI passes them in that order too) */
  private builtinOrder = new Map<string, number>();

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

  list(kind?: Permission['kind']): Promise<StoredPermission[]> {
    return this.store.permissions.list({ kind });
  }

  /** All permissions, for the rule engine (cached until a change). */
  async all(): Promise<Permission[]> {
    if (!this.cache) {
      const rank = (p: StoredPermission) => this.builtinOrder.get(p.id) ?? Number.MAX_SAFE_INTEGER;
      const stored = await this.store.permissions.list();
      stored.sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      this.cache = stored.map((p) => p.permission);
    }
    return this.cache;
  }

  async get(id: string): Promise<StoredPermission> {
    const p = await this.store.permissions.get(id);
    if (!p) throw notFound('permission', id);
    return p;
  }

  async create(permission: Permission, who: Actor): Promise<StoredPermission> {
    const created = await this.store.transaction(async (tx) => {
      const rec = await tx.permissions.create(permission, 'user');
      await recordAudit(tx, who, 'create', 'permission', permission.id, null, permission);
      return rec;
    });
    this.cache = undefined;
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
      const rec = await tx.permissions.update(id, permission);
      if (!rec) throw notFound('permission', id);
      await recordAudit(tx, who, 'update', 'permission', id, before.permission, permission);
      return rec;
    });
    this.cache = undefined;
    return updated;
  }
}
