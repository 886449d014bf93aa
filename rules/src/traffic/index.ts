/**
 * Traffic management for the Sandbox X trial (issue 16): operational intents (ASTM F3548 / InterUSS
 * naming), strategic deconfliction (an indexed store and its naive all-pairs twin), the air-route network
 * and vertiports. Pure: time is an argument, data comes in parsed.
 */
export * from './build-intent.js';
export { type CompiledIntent, type CompiledVolume, compileIntent, compileVolume } from './compiled.js';
export * from './conformance.js';
export * from './contingency.js';
export * from './findings.js';
export * from './grid-index.js';
export * from './intent.js';
export * from './naive.js';
export * from './overlap.js';
export * from './params.js';
export * from './plane.js';
export * from './route-check.js';
export * from './routes.js';
export * from './separation-impact.js';
export * from './store.js';
export * from './traffic-draft.js';
export * from './traffic-impact.js';
export * from './vertiport.js';
export * from './volume.js';
