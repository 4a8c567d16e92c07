export * from './roles.js';
export * from './spec.js';
export * from './policy.js';
export * from './decide.js';
export * from './policyDoc.js';
export * from './credentials.js';
export * from './lockout.js';
