/**
 * Public API of the pure rules library: the model (zod schemas and types), the rule engine,
 * the airspace index and zone formats, and the plan importers. No I/O anywhere below.
 */
export * from './airspace/formats/index.js';
export * from './airspace/index.js';
export * from './engine/index.js';
export * from './imports/index.js';
export * from './model/index.js';
