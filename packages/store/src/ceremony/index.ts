export * from './tables.js';
export * from './ceremonies.js';
