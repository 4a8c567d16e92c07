export * from './result.js';
export * from './problem.js';
export * from './errors.js';
export * from './zodProblems.js';
export * from './canonical.js';
export * from './definition/schema.js';
export * from './definition/validate.js';
export * from './definition/hash.js';
