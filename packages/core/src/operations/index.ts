export * from './stats.js';
export * from './incidents.js';
export * from './supplies.js';
export * from './readiness.js';
export * from './staffing.js';
export * from './mobile.js';
export * from './voterTime.js';
export * from './pickList.js';
