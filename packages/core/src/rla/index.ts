export * from './sampler.js';
export * from './bravo.js';
export * from './entry.js';
export * from './auditFile.js';
