import { z } from 'zod';
import { defineKind } from './types.js';

/**
 * Cross-boundary flight (L.N. 82 of 2025): a sample outside every active HKSAR-boundary zone has left
 * Hong Kong. Needs prior CAD permission at any weight. Without a boundary zone in the airspace the
 * check cannot be made, and the report says so.
 */
export const crossBoundary = defineKind({
  kind: 'cross-boundary',
  summary: 'Leaving the HKSAR boundary needs prior CAD permission, whatever the weight.',
  params: z.object({}).strict(),
  checkPlan(ctx) {
    if (ctx.zoneEffectsPresent.has('boundary')) return [];
    return [{ effect: 'advisory', msg: { code: 'cross-boundary.no-boundary' } }];
  },
  checkSample(s, ctx) {
    if (!ctx.zoneEffectsPresent.has('boundary')) return [];
    if (s.zones.some((z) => z.effect === 'boundary')) return [];
    return [{ effect: 'requires-permission', trigger: 'cross-boundary', msg: { code: 'cross-boundary.outside' } }];
  },
  steady: () => true,
  // Depends on the zones containing the point alone.
  margin: () => {},
});
