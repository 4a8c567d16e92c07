export * from './tables.js';
export * from './incidents.js';
export * from './supplies.js';
export * from './floor.js';
