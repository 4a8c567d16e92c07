export * from './tables.js';
export * from './versions.js';
export * from './lots.js';
export * from './rla.js';
export * from './reconciliation.js';
