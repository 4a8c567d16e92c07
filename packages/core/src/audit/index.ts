export * from './types.js';
export * from './events.js';
export * from './details.js';
export * from './entry.js';
export * from './checkpoint.js';
export * from './eventsDoc.js';
export * from './setupEntries.js';
