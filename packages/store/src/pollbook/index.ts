export * from './tables.js';
export * from './election.js';
export * from './cards.js';
export * from './checkAndMark.js';
export * from './pollBook.js';
export * from './offline.js';
export * from './reissue.js';
export * from './turnout.js';
