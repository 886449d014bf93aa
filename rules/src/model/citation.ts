import { z } from 'zod';

/**
 * Where a rule or finding comes from. `section` is null when the exact provision is not known:
 * then `document` names the CAD document that states the requirement and `secondary` must be true.
 * We never invent a section number (see shared/domain/hk-drone-law.md).
 */
export const Provision = z
  .object({
    instrument: z.string().min(1).describe('e.g. "Cap. 448G", "Cap. 448E", "L.N. 82 of 2025"'),
    section: z.string().min(1).nullable().describe('e.g. "s.18", "s.3(2)(d)"; null when unknown'),
    document: z.string().min(1).optional().describe('the CAD document stating the requirement'),
    url: z.url(),
    secondary: z.boolean().describe('true when the citation is a secondary source, not the operative text'),
    note: z.string().optional(),
  })
  .refine((p) => p.section !== null || p.secondary, {
    message: 'a provision without a section number must be marked secondary',
    path: ['secondary'],
  })
  .meta({ id: 'Provision' });
export type Provision = z.infer<typeof Provision>;
