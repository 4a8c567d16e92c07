export * from './registry.js';
export * from './changes.js';
