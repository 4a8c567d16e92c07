export * from './eligibility.js';
export * from './registryRow.js';
export * from './checkIn.js';
export * from './turnout.js';
