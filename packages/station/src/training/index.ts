export * from './context.js';
export * from './device.js';
export * from './mark.js';
