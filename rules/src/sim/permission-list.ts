import { z } from 'zod';
import { fromZod, type Issue } from '../engine/issues.js';
import { Permission } from '../model/permission.js';

/** A file of permissions (sandbox projects, CAD permissions): `{ permissions: Permission[] }`. */
export const PermissionList = z
  .object({
    $schema: z.string().optional(),
    permissions: z.array(Permission).min(1),
  })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.permissions.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({ code: 'custom', message: `duplicate permission id "${p.id}"`, path: ['permissions', i, 'id'] });
      seen.add(p.id);
    });
  })
  .meta({ id: 'PermissionList' });
export type PermissionList = z.infer<typeof PermissionList>;

/** Validate an already-parsed permission list; issues name the field (e.g. `permissions.3.area.line`). */
export function parsePermissionList(
  input: unknown,
): { ok: true; permissions: Permission[] } | { ok: false; issues: Issue[] } {
  const r = PermissionList.safeParse(input);
  return r.success ? { ok: true, permissions: r.data.permissions } : { ok: false, issues: fromZod(r.error) };
}
