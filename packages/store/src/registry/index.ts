export * from './tables.js';
export * from './seen.js';
export * from './import.js';
export * from './voters.js';
export { REGISTRY_BATCH_ROWS } from './write.js';
export * from './audit.js';
