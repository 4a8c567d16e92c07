export * from './tables.js';
export * from './intake.js';
