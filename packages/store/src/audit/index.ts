export * from './tables.js';
export * from './append.js';
export * from './hqKey.js';
export * from './checkpoint.js';
export * from './verify.js';
export * from './query.js';
export * from './nist.js';
