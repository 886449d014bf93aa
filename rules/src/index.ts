/**
 * Public API of the pure rules library: the model (zod schemas and types), the rule engine,
 * the airspace index and zone formats, the plan importers and Sandbox X traffic management (operational intents,
 * deconfliction, routes, vertiports). No I/O anywhere below.
 */
export * from './airspace/formats/index.js';
export * from './airspace/index.js';
export * from './engine/index.js';
export * from './imports/index.js';
export * from './model/index.js';
export * from './traffic/index.js';
