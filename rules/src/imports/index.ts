export { detectPlanFormat } from './detect.js';
export { locate, PlanImportError } from './errors.js';
export { importRoute } from './import-route.js';
export { ImportLimitError, isZip } from './kmz.js';
export { type FlightPlanTemplate, planFromImport } from './plan.js';
export { fenceZones, QGC_FENCE_DOC, zonesFromQgcPlan } from './qgc-fence-zones.js';
export {
  type GroundLookup,
  type ImportEnvironment,
  type ImportedFence,
  type ImportedHome,
  type ImportedRoute,
  type ImportFormat,
  ImportOptions,
  PLAN_FORMATS,
  type PlanFormat,
} from './types.js';
