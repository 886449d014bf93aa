import { z } from 'zod';
import { defineKind } from './types.js';

/** Information on operations under CAD prior permission must be kept (2025: 6 months, accessible in HK). */
export const recordKeeping = defineKind({
  kind: 'record-keeping',
  summary: 'Records of operations flown under CAD permission must be kept for the retention period.',
  params: z
    .object({ retention: z.object({ value: z.number().int().positive(), unit: z.literal('months') }).strict() })
    .strict(),
  checkPlan(_ctx, p) {
    return [{ effect: 'advisory', msg: { code: 'record-keeping.reminder', data: { months: p.retention.value } } }];
  },
});
