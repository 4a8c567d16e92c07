export * from './client.js';
export * from './reconcile.js';
