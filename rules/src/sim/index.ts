/**
 * The flight simulator and live monitor: scenarios, their compilation and headless runs, the
 * monitor that flags findings as aircraft move, and the HTML run report. Pure: time is an argument.
 */
export * from './clock.js';
export * from './compile.js';
export * from './conformance.js';
export * from './from-plans.js';
export { enuDelta, haversineM, headingOf, metresPerDegLat, metresPerDegLon, offsetLonLat } from './geo.js';
export * from './headless.js';
export * from './intent-conformance.js';
export * from './layered-index.js';
export * from './monitor.js';
export { sameIds } from './monitor-checks.js';
export * from './monitor-types.js';
export { type NavRoute, navRouteOf, routePoint, routePoints } from './nav-route.js';
export * from './permission-list.js';
export * from './prng.js';
export * from './report-html.js';
export * from './run.js';
export { SampleTable } from './sample-table.js';
export * from './scenario.js';
export * from './scenario-schema.js';
export * from './separation.js';
export * from './sharded/index.js';
export * from './simulation.js';
export * from './traffic.js';
