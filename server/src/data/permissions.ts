import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Permission } from '@sua-sandbox/rules/model';
import { parsePermissionList } from '@sua-sandbox/rules/sim';
import { DataFileError, invalidDataFile, readDataFile } from './data-file.js';

/** Built-in permissions: every `*.yaml` under rules/data/permissions (sandbox pilot projects). */
export const PERMISSIONS_DIR = fileURLToPath(new URL('../../../rules/data/permissions/', import.meta.url));

/** Load one permission list file; a DataFileError names the file, line and field of each problem. */
export function loadPermissionFile(file: string): Permission[] {
  const f = readDataFile(file);
  const r = parsePermissionList(f.data);
  if (r.ok) return r.permissions;
  throw invalidDataFile(f, r.issues);
}

export function loadBuiltinPermissions(dir: string = PERMISSIONS_DIR): Permission[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const all = files.flatMap((f) => loadPermissionFile(join(dir, f)));
  const seen = new Set<string>();
  for (const p of all) {
    if (seen.has(p.id))
      throw new DataFileError(
        dir,
        [{ path: [p.id], message: 'duplicate permission id across files' }],
        [`${p.id}: duplicate permission id across files`],
      );
    seen.add(p.id);
  }
  return all;
}
