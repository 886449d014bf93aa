import { z } from 'zod';

/**
 * Why an operation needs CAD permission (an "advanced operation" trigger or a 2025 permission route): the
 * triggers the engine names itself. A category's own trigger is data (see `CategoryTrigger`).
 */
export const Trigger = z
  .enum([
    'night',
    'bvlos',
    'height',
    'lateral-distance',
    'speed',
    'aircraft-per-pilot',
    'size',
    'persons-or-animals',
    'dropping',
    'dangerous-goods',
    'restricted-flying-zone',
    'category-b',
    'category-c',
    'cross-boundary',
  ])
  .meta({ id: 'Trigger' });
export type Trigger = z.infer<typeof Trigger>;

/** "category-<id>": every operation of a category needs permission (its category-permission rule says so). */
export const CategoryTrigger = z.templateLiteral(['category-', z.string().regex(/^[a-z][a-z0-9]{0,7}$/)]);
export type CategoryTrigger = z.infer<typeof CategoryTrigger>;

/** The trigger a category-permission rule raises for category `id` ("B" → "category-b"). */
export function categoryTrigger(id: string): CategoryTrigger {
  return `category-${id.toLowerCase()}`;
}

/**
 * Any permission trigger: a named one, or the trigger of a category a rulebook declares. Permissions and
 * sandbox projects list which of these they cover.
 */
export const PermissionTrigger = z.union([Trigger, CategoryTrigger]).meta({ id: 'PermissionTrigger' });
export type PermissionTrigger = z.infer<typeof PermissionTrigger>;
