import { z } from 'zod';

/**
 * Why an operation needs CAD permission (an "advanced operation" trigger or a 2025 permission route).
 * Permissions and sandbox projects list which of these they cover.
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
