import type { TrafficImpact } from '@sua-sandbox/rules/traffic';
import { type JobTraffic, trafficImpactOf } from '../services/impact/traffic.js';

/** The traffic side of an impact job over its whole corpus (issue 16): off the event loop, like the batches. */
export interface TrafficImpactTaskInput {
  traffic: JobTraffic;
  items: { key: string; plan: unknown }[];
}

export const trafficImpactTask = (input: TrafficImpactTaskInput): TrafficImpact =>
  trafficImpactOf(input.traffic, input.items);
